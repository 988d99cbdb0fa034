# Shared by the CI step scripts (source it from the repository root).

# ensure_command COMMAND PACKAGE...: installs PACKAGE... with apt-get when
# COMMAND is missing, refreshing the package lists only if the first
# install attempt fails.
ensure_command() {
  local command=$1
  shift
  command -v "$command" >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@" ||
    { $sudo apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@"; }
}
