#!/bin/sh
# Install ContractDesk for the current user (no root): the app into ~/.local/lib/contractdesk,
# a `contractdesk` command into ~/.local/bin, a menu entry and icons into ~/.local/share.
# Run it from the unpacked ContractDesk-<version>-linux-<arch> folder. Installing again
# replaces the app (an update); your data folder is never touched.
# PREFIX (default ~/.local) and XDG_DATA_HOME (default PREFIX/share) move the install.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-"$HOME/.local"}
SHARE=${XDG_DATA_HOME:-"$PREFIX/share"}
APP_DIR="$PREFIX/lib/contractdesk"
BIN_DIR="$PREFIX/bin"
MARKER=".contractdesk-install"
ICON_SIZES="16 24 32 48 64 128 256 512"

die() { echo "install.sh: $*" >&2; exit 1; }

[ -x "$HERE/ContractDesk/contractdesk" ] || die "no ContractDesk/contractdesk beside this script; run it from the unpacked folder"
case "$APP_DIR" in
  *'"'*|*'`'*|*'$'*|*\\*) die "the install folder $APP_DIR has a character a menu entry cannot quote" ;;
esac

# Prove the program starts on this system (e.g. the C library is new enough) before touching anything.
if ! version=$("$HERE/ContractDesk/contractdesk" --version 2>&1); then
  echo "$version" >&2
  die "ContractDesk does not start on this system; nothing was installed"
fi

if [ -e "$APP_DIR" ] && [ ! -f "$APP_DIR/$MARKER" ]; then
  die "$APP_DIR exists and was not made by this installer; move it away first"
fi

# Copy beside the old version first, then swap, so a failed copy leaves the old one working.
mkdir -p "$PREFIX/lib"
rm -rf "$APP_DIR.new"
cp -R "$HERE/ContractDesk" "$APP_DIR.new"
cp "$HERE/uninstall.sh" "$APP_DIR.new/uninstall.sh"
chmod 755 "$APP_DIR.new/uninstall.sh"
manifest="$APP_DIR.new/$MARKER"
echo "# $version installed $(date -u +%Y-%m-%dT%H:%M:%SZ); files outside this folder:" > "$manifest"
rm -rf "$APP_DIR.old"
if [ -e "$APP_DIR" ]; then mv "$APP_DIR" "$APP_DIR.old"; fi
mv "$APP_DIR.new" "$APP_DIR"
rm -rf "$APP_DIR.old"
manifest="$APP_DIR/$MARKER"

# The command: a symlink, so the bundle finds its own files through /proc/self/exe.
mkdir -p "$BIN_DIR"
if [ -e "$BIN_DIR/contractdesk" ] && [ ! -L "$BIN_DIR/contractdesk" ]; then
  echo "install.sh: $BIN_DIR/contractdesk exists and is not ours; left as it is" >&2
else
  ln -sfn "$APP_DIR/contractdesk" "$BIN_DIR/contractdesk"
  echo "$BIN_DIR/contractdesk" >> "$manifest"
fi

# The menu entry, pointing at the installed program by its full path.
mkdir -p "$SHARE/applications"
desktop="$SHARE/applications/contractdesk.desktop"
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    Exec=*) echo "Exec=\"$APP_DIR/contractdesk\"" ;;
    TryExec=*) echo "TryExec=$APP_DIR/contractdesk" ;;
    *) echo "$line" ;;
  esac
done < "$HERE/contractdesk.desktop" > "$desktop"
chmod 644 "$desktop"
echo "$desktop" >> "$manifest"

# Icons in the hicolor theme, every size shipped plus the scalable SVG.
for size in $ICON_SIZES; do
  dir="$SHARE/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir"
  cp "$HERE/icons/contractdesk-$size.png" "$dir/contractdesk.png"
  chmod 644 "$dir/contractdesk.png"
  echo "$dir/contractdesk.png" >> "$manifest"
done
mkdir -p "$SHARE/icons/hicolor/scalable/apps"
cp "$HERE/icons/contractdesk.svg" "$SHARE/icons/hicolor/scalable/apps/contractdesk.svg"
chmod 644 "$SHARE/icons/hicolor/scalable/apps/contractdesk.svg"
echo "$SHARE/icons/hicolor/scalable/apps/contractdesk.svg" >> "$manifest"

# Let the desktop notice the new entry and icons. Only refresh an icon cache that exists:
# creating one would hide icons other programs add later without refreshing it.
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
fi
touch "$SHARE/icons/hicolor"
if [ -f "$SHARE/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" 2>/dev/null || true
fi

echo "$version installed in $APP_DIR"
echo "Start it from the applications menu, or run: contractdesk"
case ":$PATH:" in
  *":$BIN_DIR:"*) ;;
  *) echo "(Note: $BIN_DIR is not on your PATH; run $BIN_DIR/contractdesk or add it to PATH.)" ;;
esac
echo "To remove it: $APP_DIR/uninstall.sh"
