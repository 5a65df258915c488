#!/bin/sh
# Installs what examples/evaluate/spinsim/spinsim.py needs:
#   --source roget   : PyRoget (PyPI), which ships Roget's 1911 thesaurus data
#   --source wordnet : Debian wordnet-base (WordNet 3.0 data files in /usr/share/wordnet)
# Python 3.11 standard library otherwise.  Run as root (or with sudo for apt).
set -e
python3 -m pip install --quiet 'pyroget==0.0.3'
if [ ! -f /usr/share/wordnet/data.noun ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y wordnet-base
fi
python3 -c 'import PyRoget' && test -f /usr/share/wordnet/data.noun && echo "spinsim: dependencies OK"
