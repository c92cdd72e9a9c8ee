#!/usr/bin/env bash
# Renders the app icon (src-tauri/icons/icon.svg) into the RGBA PNGs and the .ico
# that the Tauri bundler needs. The outputs are committed; run this only after
# editing the SVG. Needs rsvg-convert (librsvg2-bin) and ImageMagick.
set -euo pipefail
cd "$(dirname "$0")/../src-tauri/icons"
render() { rsvg-convert -w "$1" -h "$1" icon.svg -o "$2"; }
render 32 32x32.png
render 128 128x128.png
render 256 128x128@2x.png
render 512 icon.png
/usr/bin/convert 32x32.png 128x128.png 128x128@2x.png -define icon:auto-resize=256,128,48,32,16 icon.ico
for png in *.png; do
  # The bundler refuses anything but 8-bit RGBA.
  /usr/bin/convert "$png" -define png:color-type=6 -depth 8 "PNG32:$png"
done
file ./*.png ./*.ico
