package main

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the Go runtime's soft memory limit (heap, stacks and
// runtime metadata; not the binary's mapped code) when GOMEMLIMIT is unset.
// A plan holds a few MiB live at a time; without a limit the default GOGC
// lets the heap grow to twice its live size before collecting, which was
// most of the provider's peak RSS. Under the limit the collector runs
// earlier; when the live heap itself exceeds the limit (a much larger
// configuration), Go caps the collector's CPU share, so the provider slows
// down a little instead of failing.
const defaultMemoryLimit = 20 << 20

// tuneMemory sets defaultMemoryLimit unless GOMEMLIMIT is set: the user's
// value always wins.
func tuneMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
}
