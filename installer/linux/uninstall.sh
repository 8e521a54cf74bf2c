#!/bin/sh
# Remove the per-user ContractDesk install made by install.sh: the app folder, the `contractdesk`
# command, the menu entry and the icons. Your data folder (customers, agreements, backups)
# is kept; delete it yourself if you really mean to.
# PREFIX (default ~/.local) must match the one install.sh used.
set -eu

PREFIX=${PREFIX:-"$HOME/.local"}
APP_DIR="$PREFIX/lib/contractdesk"
MARKER="$APP_DIR/.contractdesk-install"

if [ ! -f "$MARKER" ]; then
  echo "uninstall.sh: ContractDesk is not installed in $APP_DIR" >&2
  exit 1
fi

# Only the files install.sh listed; the command only while it still points into the app folder.
grep -v '^#' "$MARKER" | while IFS= read -r path; do
  [ -n "$path" ] || continue
  if [ -L "$path" ]; then
    case "$(readlink "$path")" in
      "$APP_DIR"/*) rm -f "$path" ;;
      *) echo "uninstall.sh: $path now points elsewhere; left as it is" >&2 ;;
    esac
  elif [ -f "$path" ]; then
    rm -f "$path"
  fi
done
rm -rf "$APP_DIR"

SHARE=${XDG_DATA_HOME:-"$PREFIX/share"}
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
fi
[ -d "$SHARE/icons/hicolor" ] && touch "$SHARE/icons/hicolor"
if [ -f "$SHARE/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" 2>/dev/null || true
fi

echo "ContractDesk was removed from $APP_DIR."
echo "Your data was kept in ${CONTRACTDESK_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/ContractDesk} (and any folder you chose with --data-dir)."
