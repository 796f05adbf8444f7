package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// EnvProfileDir names a folder where the provider writes a CPU profile
// (cpu-PID.pprof) and an allocation profile (allocs-PID.pprof) of its whole
// run, for `make bench PROFILE=1` and `go tool pprof`. Unset: no profiling.
const EnvProfileDir = "HUAWEICLOUDVPN_PROFILE_DIR"

// startProfiling starts the CPU profile when EnvProfileDir is set and returns
// the function that stops it and writes the allocation profile.
func startProfiling() func() {
	dir := os.Getenv(EnvProfileDir)
	if dir == "" {
		return func() {}
	}
	pid := os.Getpid()
	cpu, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", pid)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "profiling:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		fmt.Fprintln(os.Stderr, "profiling:", err)
		cpu.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		cpu.Close()
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("allocs-%d.pprof", pid)))
		if err != nil {
			fmt.Fprintln(os.Stderr, "profiling:", err)
			return
		}
		defer f.Close()
		runtime.GC()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			fmt.Fprintln(os.Stderr, "profiling:", err)
		}
	}
}
