# shellcheck shell=bash
#
# Sourced helper: find a JDK >= 21 for Spool's scripts.
#
#   source scripts/lib/java.sh
#   spool_find_java || exit 1     # sets and exports JAVA_HOME, sets JAVA
#
# Candidates, first good one wins (so a good $JAVA_HOME is always respected):
#   1. $JAVA_HOME
#   2. `java` on PATH (symlinks resolved; JDK home = two directories up)
#   3. /usr/lib/jvm/*, /opt/java/*, /opt/jdk*, ~/.sdkman/candidates/java/*
# A candidate must have bin/java AND bin/javac (Maven compiles), and its major
# version (from $home/release, else `java -version`) must be >= SPOOL_MIN_JAVA.
#
# For testing only: SPOOL_JDK_CANDIDATES="dir1:dir2:..." replaces the whole
# candidate list above.

SPOOL_MIN_JAVA=${SPOOL_MIN_JAVA:-21}

# Print the major version of the JDK/JRE at $1 (e.g. 25, 21, 17, 8); fail if unknown.
_spool_java_major() {
  local home=$1 v=""
  if [[ -r $home/release ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' "$home/release" | head -n 1)
  fi
  if [[ -z $v && -x $home/bin/java ]]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  [[ $v == 1.* ]] && v=${v#1.}          # 1.8.0_392 -> 8
  v=${v%%[!0-9]*}                        # 21.0.2 -> 21, 25+36 -> 25, 25-ea -> 25
  [[ -n $v ]] || return 1
  printf '%s\n' "$v"
}

# Print candidate JDK homes, one per line, in priority order (may contain duplicates/junk).
_spool_java_candidates() {
  if [[ -n ${SPOOL_JDK_CANDIDATES+x} ]]; then
    tr ':' '\n' <<<"$SPOOL_JDK_CANDIDATES"
    return 0
  fi
  [[ -n ${JAVA_HOME:-} ]] && printf '%s\n' "$JAVA_HOME"
  local j
  if j=$(command -v java 2>/dev/null) && j=$(readlink -f -- "$j" 2>/dev/null); then
    printf '%s\n' "$(dirname -- "$(dirname -- "$j")")"
  fi
  local d
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "${SDKMAN_DIR:-${HOME:-/nonexistent}/.sdkman}"/candidates/java/*; do
    [[ -d $d ]] && printf '%s\n' "$d"
  done
  return 0
}

spool_find_java() {
  local cand home major seen="" checked="|"
  while IFS= read -r cand; do
    [[ -n $cand ]] || continue
    home=$(readlink -f -- "$cand" 2>/dev/null) || continue
    [[ -d $home ]] || continue
    case $checked in *"|$home|"*) continue ;; esac   # same JDK via another path
    checked+="$home|"
    [[ -x $home/bin/java ]] || continue
    if ! major=$(_spool_java_major "$home"); then
      seen+="${seen:+, }unknown version at $home"
      continue
    fi
    if [[ ! -x $home/bin/javac ]]; then
      seen+="${seen:+, }$major (JRE only, no javac) at $home"
      continue
    fi
    seen+="${seen:+, }$major at $home"
    if (( major >= SPOOL_MIN_JAVA )); then
      JAVA_HOME=$home
      JAVA=$home/bin/java
      export JAVA_HOME
      SPOOL_JAVA_MAJOR=$major
      return 0
    fi
  done < <(_spool_java_candidates)

  {
    echo "spool needs a JDK ${SPOOL_MIN_JAVA} or newer (found: ${seen:-no JDK at all})."
    echo "On Debian: sudo apt-get install openjdk-21-jdk-headless (or temurin-21/25), or set JAVA_HOME."
  } >&2
  return 1
}
