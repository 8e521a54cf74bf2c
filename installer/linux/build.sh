#!/usr/bin/env bash
# Build the Linux download: dist/ContractDesk-<version>-linux-<arch>.tar.gz (one-folder bundle,
# .desktop file, icons, install.sh, uninstall.sh). Run on Linux from anywhere in the checkout.
#
#   installer/linux/build.sh                  # PyInstaller build, then the tarball
#   installer/linux/build.sh --bundle DIR     # package an existing dist/ContractDesk folder
#   installer/linux/build.sh --out DIR        # where the tarball goes (default: dist/)
# GZIP_LEVEL=1..9 trades size for time (default 6; the test uses 1).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/installer/linux"
OUT="$ROOT/dist"
BUNDLE=""
WORK=""

while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

VERSION=$(sed -n 's/^__version__ *= *"\([^"]*\)".*/\1/p' "$ROOT/contractdesk/__init__.py")
[ -n "$VERSION" ] || { echo "build.sh: no __version__ in contractdesk/__init__.py" >&2; exit 1; }
ARCH=$(uname -m)
NAME="ContractDesk-$VERSION-linux-$ARCH"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if [ -z "$BUNDLE" ]; then
  # Qt's X11 plugin needs these; PyInstaller bundles them only if the build machine has them.
  missing=""
  for lib in libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-image.so.0 \
             libxcb-render-util.so.0 libxkbcommon-x11.so.0; do
    ldconfig -p 2>/dev/null | grep -q "$lib" || missing="$missing $lib"
  done
  if [ -n "$missing" ]; then
    echo "build.sh: warning: not on this machine, so not bundled (users then need them):$missing" >&2
    echo "build.sh: on Debian/Ubuntu: apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxkbcommon-x11-0" >&2
  fi
  WORK=${WORK:-"$ROOT/build/pyinstaller"}
  (cd "$ROOT" && uv run pyinstaller --noconfirm --clean --distpath "$OUT" --workpath "$WORK" \
      installer/contractdesk.spec)
  BUNDLE="$OUT/ContractDesk"
fi
[ -x "$BUNDLE/contractdesk" ] || { echo "build.sh: $BUNDLE/contractdesk not found" >&2; exit 1; }

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
DEST="$STAGE/$NAME"
mkdir -p "$DEST/icons"
cp -R "$BUNDLE" "$DEST/ContractDesk"
cp "$HERE/contractdesk.desktop" "$DEST/"
install -m 755 "$HERE/install.sh" "$HERE/uninstall.sh" "$DEST/"
cp "$ROOT"/resources/icons/contractdesk-*.png "$ROOT/resources/icons/contractdesk.svg" "$DEST/icons/"
cat > "$DEST/README.txt" <<EOF
ContractDesk $VERSION for Linux ($ARCH)

Install for yourself (no root needed):   ./install.sh
Then start ContractDesk from the applications menu, or run: contractdesk
Remove it again:                          ~/.local/lib/contractdesk/uninstall.sh
Run without installing:                   ./ContractDesk/contractdesk

Your data lives in ~/.local/share/ContractDesk (encrypted); installing, updating and
removing the program never touch it.
EOF

TARBALL="$OUT/$NAME.tar.gz"
tar -C "$STAGE" -cf - "$NAME" | gzip "-${GZIP_LEVEL:-6}" > "$TARBALL.part"
mv "$TARBALL.part" "$TARBALL"
(cd "$OUT" && sha256sum "$NAME.tar.gz" > "$NAME.tar.gz.sha256")
echo "$TARBALL ($(du -h "$TARBALL" | cut -f1); bundle $(du -sh "$BUNDLE" | cut -f1))"
