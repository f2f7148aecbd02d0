#!/bin/sh
# ugrep.sh PHRASE : where PHRASE occurs in the line-cleaned documents (file:line)
grep -n -F -- "$1" "$(dirname "$0")"/clean/*.clean.txt | sed 's#.*/clean/##' | cut -c1-200
