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

// defaultGCPercent is the collector's GOGC when GOGC is unset. A plan
// allocates a few hundred KiB per resource around a live heap of a few MiB;
// with GOGC=100 the collector ran every few MiB allocated and took about a
// fifth of the provider's CPU. With the soft memory limit above as the
// ceiling, a larger GOGC lets the heap use the room under the limit before
// collecting, so the collector runs far less often without raising the peak
// beyond the limit; when the live heap nears the limit, the limit decides,
// as before.
const defaultGCPercent = 400

// tuneMemory sets defaultMemoryLimit unless GOMEMLIMIT is set, and
// defaultGCPercent unless GOGC is set: the user's values always win. The
// larger GOGC applies only together with the default limit, which bounds it.
func tuneMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
}
