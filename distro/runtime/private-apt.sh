# Sourced by the fetch scripts: a private apt configuration for Debian trixie under a folder of the cache, so
# packages and source tarballs can be downloaded without touching the system's sources, lists or pins, and
# without installing anything.
#   private_apt DIR     set up DIR (once) and fill the array APTOPTS with the options that select it
#   private_apt_update  apt-get update of those lists (once per script run)

private_apt() {
  local dir=$1 mirror
  mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
  mirror=${mirror:-http://deb.debian.org/debian}
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/parts"
  printf 'deb [arch=amd64] %s trixie main\ndeb-src %s trixie main\n' "$mirror" "$mirror" > "$dir/sources.list"
  APTOPTS=(-o "Dir::Etc::SourceList=$dir/sources.list" -o "Dir::Etc::SourceParts=$dir/parts"
           -o "Dir::Etc::PreferencesParts=$dir/parts" -o "Dir::State::Lists=$dir/lists"
           -o "Dir::Cache=$dir/cache" -o "APT::Sandbox::User=root")
  PRIVATE_APT_UPDATED=0
}

private_apt_update() {
  if (( PRIVATE_APT_UPDATED == 0 )); then apt-get "${APTOPTS[@]}" update >/dev/null; PRIVATE_APT_UPDATED=1; fi
}

# the orig tarball of a source package into DIR (apt prints its URL; the .dsc and Debian patches are not needed)
private_apt_orig() {
  local pkg=$1 dir=$2 uri name
  private_apt_update
  uri=$(apt-get "${APTOPTS[@]}" source --print-uris "$pkg" | sed -n "s/^'\([^']*\.orig\.tar\.[a-z0-9]*\)'.*/\1/p" | head -1)
  [[ -n "$uri" ]] || { echo "no orig tarball for $pkg" >&2; return 1; }
  name=$(basename "$uri"); name=${name//%2b/+}; name=${name//%2B/+}
  [[ -f "$dir/$name" ]] || { echo "downloading $name" >&2; curl -fsSL -o "$dir/$name.part" "$uri" && mv "$dir/$name.part" "$dir/$name"; }
}

# a binary package (trixie) into DIR
private_apt_deb() {
  local pkg=$1 dir=$2
  ls "$dir/${pkg}"_*.deb >/dev/null 2>&1 && return 0
  private_apt_update
  (cd "$dir" && apt-get "${APTOPTS[@]}" download "$pkg/trixie" >/dev/null)
}
