#!/usr/bin/env bash
# Make sure the Debian tools the tests use are present; install them when we may (root or sudo).
set -euo pipefail
packages=()
command -v pdftotext >/dev/null && command -v pdffonts >/dev/null && command -v pdfinfo >/dev/null \
  && command -v pdftoppm >/dev/null || packages+=(poppler-utils)
command -v zbarimg >/dev/null || packages+=(zbar-tools)      # decodes the leaflet's QR code
command -v qpdf >/dev/null || packages+=(qpdf)                # checks the PDFs' structure
command -v msgfmt >/dev/null || packages+=(gettext)           # checks the translators' PO files
command -v libreoffice >/dev/null || packages+=(libreoffice-impress)   # converts the deck, as a speaker would
# The live preview keeps LibreOffice running through its Python bridge (unoserver runs under it).
/usr/bin/python3 -c "import uno" 2>/dev/null || packages+=(python3-uno)
# Arial's metric twin: LibreOffice draws the deck's Arial with it, at the widths leafdeck measured.
fc-list 2>/dev/null | grep -q "Liberation Sans" || packages+=(fonts-liberation2 fontconfig)
# The web page in a real browser: Debian's Chromium and its driver; axe-core comes from npm.
command -v chromium >/dev/null || packages+=(chromium)
command -v chromedriver >/dev/null || packages+=(chromium-driver)
command -v npm >/dev/null || packages+=(nodejs npm)

install_npm() {
  # axe-core, pinned by package-lock.json; only when node_modules does not match it already.
  cd "$(dirname "$0")/.."
  if [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
if [ ${#packages[@]} -eq 0 ]; then
  install_npm
  exit 0
fi

echo "installing system packages the tests need: ${packages[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
else
  echo "error: missing ${packages[*]}; install with: sudo apt-get install ${packages[*]}" >&2
  exit 1
fi
install_npm
