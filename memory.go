package main

import (
	"os"
	"runtime/debug"
	"strconv"
)

// defaultMemoryLimit is the Go runtime's soft memory limit (heap, stacks and
// runtime metadata; not the binary's mapped code) when GOMEMLIMIT is unset.
// A plan holds a few MiB live at a time; without a limit the default GOGC
// lets the heap grow to twice the peak before collecting, which is most of
// the provider's peak RSS. Under the limit the collector runs earlier; Go
// caps its CPU share when the live heap itself exceeds the limit, so a much
// larger configuration slows down a little instead of failing.
var defaultMemoryLimit int64 = 20 << 20

// tuneMemory sets defaultMemoryLimit unless GOMEMLIMIT is set (the user's
// value always wins). HUAWEICLOUDVPN_MEMORY_LIMIT_MIB overrides the default
// for measurements.
func tuneMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	limit := defaultMemoryLimit
	if v, err := strconv.ParseInt(os.Getenv("HUAWEICLOUDVPN_MEMORY_LIMIT_MIB"), 10, 64); err == nil && v > 0 {
		limit = v << 20
	}
	debug.SetMemoryLimit(limit)
}
