#!/bin/sh
# Rebuild the demo tutorial videos and posters (shipped in the repository; run only to change them).
# Each video: 640x360 H.264, four titled scenes of 3 s, no sound, "faststart" so browsers play it at once.
set -eu
cd "$(dirname "$0")"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

make_video() {
  out=$1; colour=$2; shift 2
  inputs=""; filters=""; i=0
  for title in "$@"; do
    inputs="$inputs -f lavfi -t 3 -i color=c=${colour}:s=640x360:r=15"
    filters="${filters}[$i:v]drawbox=x=40:y=250:w=560:h=8:color=white@0.8:t=fill,drawtext=fontfile=${FONT}:text='${title}':fontcolor=white:fontsize=30:x=(w-text_w)/2:y=(h-text_h)/2-30,drawtext=fontfile=${FONT}:text='$((i + 1)) / $#':fontcolor=white:fontsize=22:x=40:y=290[v$i];"
    i=$((i + 1))
  done
  concat=""; j=0
  while [ $j -lt $i ]; do concat="$concat[v$j]"; j=$((j + 1)); done
  # shellcheck disable=SC2086
  ffmpeg -y -loglevel error $inputs -filter_complex "${filters}${concat}concat=n=$i:v=1:a=0[out]" \
    -map "[out]" -c:v libx264 -profile:v main -pix_fmt yuv420p -crf 30 -preset veryslow -movflags +faststart "$out"
}

make_video declarer-nuitees.mp4 0x1d4f91 \
  "Ouvrez votre tableau de bord" "Choisissez l’hébergement" "Saisissez les nuitées" "Validez la déclaration"
make_video activer-compte.mp4 0x0b6b5d \
  "Munissez-vous du courrier" "Saisissez le code reçu" "Choisissez un mot de passe" "Acceptez les CGU"

for name in declarer-nuitees activer-compte; do
  ffmpeg -y -loglevel error -ss 1 -i "$name.mp4" -frames:v 1 "$name-poster.png"
done
ls -l ./*.mp4 ./*.png
