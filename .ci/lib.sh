# Shared by the CI scripts (sourced, not run).

# Installs the Debian packages named that are not installed yet.
install_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=sudo
    [ "$(id -u)" -ne 0 ] || sudo=
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# The cargo target directory.
cargo_target_dir() {
  cargo metadata --format-version 1 --no-deps |
    grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4
}

# Pixels within 4% of a colour, in a screenshot.
count_colour() {
  convert "$1" -alpha off -fuzz 4% -fill black +opaque "$2" -fill white -opaque "$2" \
    -format '%[fx:round(mean*w*h)]' info:
}

# Whether a screenshot shows the grade table: its Good (mid blue) and Requires Improvement
# (orange) cells.
shows_table() {
  [ "$(count_colour "$1" '#4A8FCB')" -gt 400 ] && [ "$(count_colour "$1" '#F5A05A')" -gt 200 ]
}
