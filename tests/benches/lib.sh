# Shared by the loop scripts: `source`d, not run.

# Milliseconds since `start`, a `date +%s%N` reading.
ms_since() {
    echo $((($(date +%s%N) - $1) / 1000000))
}

# The median of its arguments (of an even count, the lower of the middle two).
median() {
    printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"
}
