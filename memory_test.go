package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestTuneMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	beforeGC := debug.SetGCPercent(100)
	t.Cleanup(func() {
		debug.SetMemoryLimit(before)
		debug.SetGCPercent(beforeGC)
	})

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	tuneMemory()
	if got := debug.SetMemoryLimit(-1); got != defaultMemoryLimit {
		t.Errorf("GOMEMLIMIT unset: limit %d, want %d", got, defaultMemoryLimit)
	}
	if got := debug.SetGCPercent(100); got != defaultGCPercent {
		t.Errorf("GOGC unset: GC percent %d, want %d", got, defaultGCPercent)
	}

	// The user's GOGC wins.
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOGC", "150")
	debug.SetGCPercent(150)
	tuneMemory()
	if got := debug.SetMemoryLimit(-1); got != defaultMemoryLimit {
		t.Errorf("GOGC set: limit %d, want %d", got, defaultMemoryLimit)
	}
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GOGC set: tuneMemory changed the GC percent to %d", got)
	}

	// The user's GOMEMLIMIT wins, and the larger GOGC comes only with the
	// default limit that bounds it.
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "512MiB")
	t.Setenv("GOGC", "")
	debug.SetGCPercent(100)
	tuneMemory()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("GOMEMLIMIT set: tuneMemory changed the limit to %d", got)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOMEMLIMIT set: tuneMemory changed the GC percent to %d", got)
	}
}
