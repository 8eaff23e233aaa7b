#!/usr/bin/env bash
# Draws the Teams app icons in appPackage/ with ImageMagick (apt-get install -y imagemagick).
# The PNGs are committed; run this again only to change them.
#   color.png   192x192, full colour: the clinic's teal (#0F766E, WEBCHAT_PRIMARY_COLOR's default) with white "BT"
#   outline.png  32x32, white on transparent only, as Teams requires for the outline icon
set -euo pipefail
cd "$(dirname "$0")/../appPackage"
CONVERT=/usr/bin/convert
[ -x "$CONVERT" ] || CONVERT=convert
FONT=DejaVu-Sans-Bold

"$CONVERT" -size 192x192 xc:'#0F766E' \
  -fill white -font "$FONT" -pointsize 92 -gravity center -annotate +0+4 'BT' \
  -depth 8 -strip -define png:color-type=2 color.png

"$CONVERT" -size 32x32 xc:none \
  -fill none -stroke white -strokewidth 2 -draw 'roundrectangle 1,1 30,30 6,6' \
  -stroke none -fill white -font "$FONT" -pointsize 15 -gravity center -annotate +0+1 'BT' \
  -background white -alpha background -depth 8 -strip -define png:color-type=6 outline.png

identify color.png outline.png
