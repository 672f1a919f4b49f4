# Sourced (POSIX sh) by ./mvnw and ./rosenblatt. Exports JAVA_HOME pointing at a JDK of version 25 or newer,
# looked up in JAVA_HOME, then the java on PATH, then the usual install folders; stops with a message naming
# what to install when there is none. ROSENBLATT_JDK_QUIET=1 silences the line saying which JDK was taken.

rosenblatt_jdk_feature() {
  # The feature version (17, 21, 25, ...) of the JDK at $1, or nothing when $1 is not a JDK.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9][0-9]*\).*/\1/p'
  fi
}

rosenblatt_find_jdk() {
  rb_wanted=25
  rb_tried=""
  rb_on_path=""
  if command -v java >/dev/null 2>&1; then
    rb_on_path=$(readlink -f "$(command -v java)" 2>/dev/null || true)
    rb_on_path=${rb_on_path%/bin/java}
  fi
  # The caller may run under `set -f` (mvnw does), and globbing is needed for the install folders.
  case $- in *f*) set +f; rb_noglob=1 ;; *) rb_noglob=0 ;; esac
  rb_candidates=$(for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      "${HOME-}"/.sdkman/candidates/java/* "${HOME-}"/.jdks/*; do
    if [ -d "$d" ]; then echo "$d"; fi; done)
  if [ "$rb_noglob" = 1 ]; then set -f; fi
  rb_ifs=$IFS
  IFS='
'
  for rb_home in "${JAVA_HOME-}" "$rb_on_path" $rb_candidates; do
    [ -n "$rb_home" ] && [ -d "$rb_home" ] || continue
    rb_v=$(rosenblatt_jdk_feature "$rb_home")
    [ -n "$rb_v" ] || continue
    if [ "$rb_v" -ge "$rb_wanted" ]; then
      IFS=$rb_ifs
      JAVA_HOME=$rb_home
      export JAVA_HOME
      if [ "${ROSENBLATT_JDK_QUIET-}" != 1 ] && [ "$rb_home" != "${ROSENBLATT_JDK_ANNOUNCED-}" ]; then
        echo "rosenblatt: using JDK $rb_v at $rb_home" >&2
      fi
      ROSENBLATT_JDK_ANNOUNCED=$rb_home
      export ROSENBLATT_JDK_ANNOUNCED
      return 0
    fi
    rb_tried="$rb_tried $rb_home (JDK $rb_v);"
  done
  IFS=$rb_ifs
  {
    echo "rosenblatt: no JDK 25 or newer found."
    echo "  Looked in JAVA_HOME, the java on PATH, /usr/lib/jvm, /usr/java, /opt/java, /opt/jdk*, ~/.sdkman and ~/.jdks."
    if [ -n "$rb_tried" ]; then echo "  Found only:$rb_tried"; fi
    echo "  Install a JDK 25 (for example Eclipse Temurin 25 from https://adoptium.net, which Debian-style"
    echo "  packages install into /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to one, then run again."
  } >&2
  exit 1
}

rosenblatt_find_jdk
