// Command bench measures the provider as a user meets it: whole `terraform`
// runs of plan -refresh=false, apply, refresh and destroy of N customer
// gateways and of a mixed stack, each next to the same N `terraform_data`
// resources (the floor: Terraform's own cost), against the VPN emulator.
// It prints the medians, each phase's ratio to the floor, the provider's
// peak RSS (VmHWM of the plugin process) and the API requests of each phase
// (from the emulator's /_emulator/requests), then checks the targets.
//
// `make bench` builds the provider and the emulator into ./bin and runs it.
// It is a tool, not a test: the figures depend on the machine and its load;
// the ratios are what to compare.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/tfcli"
)

// envProfileDir makes the provider write CPU and allocation profiles
// (main.EnvProfileDir).
const envProfileDir = "HUAWEICLOUDVPN_PROFILE_DIR"

// phases are measured in this order in every run.
var phases = []string{"plan", "apply", "refresh", "destroy"}

// phaseArgs are the terraform arguments of each phase.
var phaseArgs = map[string][]string{
	"plan":    {"plan", "-refresh=false", "-input=false", "-lock=false", "-no-color"},
	"apply":   {"apply", "-auto-approve", "-input=false", "-no-color"},
	"refresh": {"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"},
	"destroy": {"destroy", "-auto-approve", "-input=false", "-no-color"},
}

type options struct {
	terraform   string
	providerDir string
	emulator    string
	cgwNs       []int
	mixedNs     []int
	runs        int
	runsLarge   int
	profileDir  string
	keep        bool
	strict      bool
}

func main() {
	var o options
	var cgwNs, mixedNs string
	tf, err := tfcli.TerraformPath()
	if err != nil {
		tf = "terraform"
	}
	flag.StringVar(&o.terraform, "terraform", tf, "terraform binary (default: TF_ACC_TERRAFORM_PATH, else terraform on PATH)")
	flag.StringVar(&o.providerDir, "provider-dir", "bin", "folder with the terraform-provider-huaweicloudvpn build (dev_overrides)")
	flag.StringVar(&o.emulator, "emulator", "bin/vpn-emulator", "vpn-emulator binary")
	flag.StringVar(&cgwNs, "n", "200,1000", "comma-separated resource counts of the customer gateway stack")
	flag.StringVar(&mixedNs, "mixed", "200", "comma-separated resource counts of the mixed stack (multiples of 10; empty: none)")
	flag.IntVar(&o.runs, "runs", 3, "runs of each phase (medians are printed)")
	flag.IntVar(&o.runsLarge, "runs-large", 1, "runs of each phase of stacks of 1000 resources or more")
	flag.StringVar(&o.profileDir, "profile", "", "write CPU and allocation profiles of the provider processes into this folder")
	flag.BoolVar(&o.keep, "keep", false, "keep the working folders")
	flag.BoolVar(&o.strict, "strict", false, "exit 1 when a target is missed")
	flag.Parse()
	if o.cgwNs, err = parseNs(cgwNs); err != nil {
		fatal(err)
	}
	if o.mixedNs, err = parseNs(mixedNs); err != nil {
		fatal(err)
	}
	for _, n := range o.mixedNs {
		if n%10 != 0 {
			fatal(fmt.Errorf("-mixed: %d is not a multiple of 10", n))
		}
	}
	if o.providerDir, err = filepath.Abs(o.providerDir); err != nil {
		fatal(err)
	}
	if o.profileDir != "" {
		if o.profileDir, err = filepath.Abs(o.profileDir); err != nil {
			fatal(err)
		}
		if err := os.MkdirAll(o.profileDir, 0o755); err != nil {
			fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(o.providerDir, tfcli.ProviderBinary)); err != nil {
		fatal(fmt.Errorf("no provider build: %w (run `make bench`)", err))
	}
	missed, err := run(o)
	if err != nil {
		fatal(err)
	}
	if missed > 0 && o.strict {
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(2)
}

func parseNs(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad count %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// result is one stack's measurements.
type result struct {
	stack    string
	n        int
	times    map[string][]time.Duration // provider, by phase
	floor    map[string][]time.Duration // terraform_data, by phase
	cpu      map[string][]time.Duration // provider: CPU time of terraform and its plugins, by phase
	floorCPU map[string][]time.Duration // terraform_data: CPU time of terraform, by phase
	rss      map[string]int64           // peak VmHWM in KiB of the plugin processes, by phase
	requests map[string]map[string]int  // API requests of the last run, by phase
}

func (r *result) median(m map[string][]time.Duration, phase string) time.Duration {
	d := append([]time.Duration(nil), m[phase]...)
	if len(d) == 0 {
		return 0
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2]
}

func (r *result) ratio(phase string) float64 {
	f := r.median(r.floor, phase)
	if f == 0 {
		return 0
	}
	return float64(r.median(r.times, phase)) / float64(f)
}

func (r *result) cpuRatio(phase string) float64 {
	f := r.median(r.floorCPU, phase)
	if f == 0 {
		return 0
	}
	return float64(r.median(r.cpu, phase)) / float64(f)
}

func run(o options) (int, error) {
	work, err := os.MkdirTemp("", "huaweicloudvpn-bench-")
	if err != nil {
		return 0, err
	}
	if o.keep {
		fmt.Println("bench: working folders in", work)
	} else {
		defer os.RemoveAll(work)
	}
	emu, err := startEmulator(o.emulator, work)
	if err != nil {
		return 0, err
	}
	defer emu.stop()

	rc := filepath.Join(work, "terraformrc")
	if err := tfcli.WriteCLIConfig(rc, o.providerDir); err != nil {
		return 0, err
	}
	// Logs as a user who does not ask for them: no TF_LOG* variable.
	env := tfcli.Env(rc, func(name string) bool { return tfcli.IsLogVar(name) || name == envProfileDir }, emu.env)

	tfVersion, _ := exec.Command(o.terraform, "version").Output()
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Printf("bench: %s, %s/%s, %d CPUs, load average %s", firstLine(string(tfVersion)), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), strings.Join(strings.Fields(string(load))[:3], " "))
	fmt.Printf("; %d runs per phase (%d with 1000 resources or more), medians; emulator %s\n", o.runs, o.runsLarge, emu.url)

	var results []*result
	type stack struct {
		name string
		n    int
		body func(int) string
	}
	var stacks []stack
	for _, n := range o.cgwNs {
		stacks = append(stacks, stack{"customer_gateway", n, cgwConfig})
	}
	for _, n := range o.mixedNs {
		stacks = append(stacks, stack{"mixed", n, mixedConfig})
	}
	for _, s := range stacks {
		r := &result{stack: s.name, n: s.n, times: map[string][]time.Duration{}, floor: map[string][]time.Duration{},
			cpu: map[string][]time.Duration{}, floorCPU: map[string][]time.Duration{},
			rss: map[string]int64{}, requests: map[string]map[string]int{}}
		provDir := filepath.Join(work, fmt.Sprintf("%s-%d", s.name, s.n))
		floorDir := filepath.Join(work, fmt.Sprintf("%s-%d-floor", s.name, s.n))
		for dir, body := range map[string]string{provDir: s.body(s.n), floorDir: floorConfig(s.n)} {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return 0, err
			}
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(body), 0o644); err != nil {
				return 0, err
			}
		}
		runs := o.runs
		if s.n >= 1000 {
			runs = o.runsLarge
		}
		fmt.Printf("bench: %s x %d ", s.name, s.n)
		for i := 0; i < runs; i++ {
			for _, phase := range phases {
				// The floor and the provider take turns, so both see the
				// same load on a shared machine.
				m, err := terraform(o, floorDir, env, phase, false)
				if err != nil {
					return 0, fmt.Errorf("%s floor %s: %w", s.name, phase, err)
				}
				r.floor[phase] = append(r.floor[phase], m.wall)
				r.floorCPU[phase] = append(r.floorCPU[phase], m.cpu)
				before, err := emu.requests()
				if err != nil {
					return 0, err
				}
				m, err = terraform(o, provDir, env, phase, true)
				if err != nil {
					return 0, fmt.Errorf("%s %s: %w", s.name, phase, err)
				}
				after, err := emu.requests()
				if err != nil {
					return 0, err
				}
				r.times[phase] = append(r.times[phase], m.wall)
				r.cpu[phase] = append(r.cpu[phase], m.cpu)
				r.rss[phase] = max(r.rss[phase], m.rss)
				r.requests[phase] = diffCounts(before, after)
			}
			fmt.Print(".")
		}
		fmt.Println()
		results = append(results, r)
	}
	printResults(results)
	return checkTargets(results), nil
}

// measurement is one terraform run.
type measurement struct {
	wall time.Duration
	// cpu is the user and system time of terraform and of the plugins it
	// started and waited for (wait4 counts reaped children): less sensitive
	// than wall time to other work on the machine.
	cpu time.Duration
	// rss is the peak VmHWM (KiB) of the plugin processes.
	rss int64
}

// terraform runs one phase in dir and measures it; for the provider it
// watches the plugin processes' peak RSS.
func terraform(o options, dir string, env []string, phase string, provider bool) (measurement, error) {
	cmd := exec.Command(o.terraform, phaseArgs[phase]...)
	cmd.Dir = dir
	cmd.Env = env
	if provider && o.profileDir != "" {
		cmd.Env = append(append([]string(nil), env...), envProfileDir+"="+o.profileDir)
	}
	var out strings.Builder
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return measurement{}, err
	}
	var peak int64
	var wg sync.WaitGroup
	done := make(chan struct{})
	if provider {
		wg.Add(1)
		go func() {
			defer wg.Done()
			peak = watchPlugins(cmd.Process.Pid, done)
		}()
	}
	err := cmd.Wait()
	elapsed := time.Since(start)
	close(done)
	wg.Wait()
	if err != nil {
		return measurement{}, fmt.Errorf("terraform %s in %s: %w\n%s", strings.Join(phaseArgs[phase], " "), dir, err, tail(out.String(), 40))
	}
	return measurement{wall: elapsed, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), rss: peak}, nil
}

// watchPlugins polls /proc every 2 ms for terraform-provider-* children of
// parent and returns the highest VmHWM (KiB) seen, until done is closed.
func watchPlugins(parent int, done <-chan struct{}) int64 {
	var peak int64
	seen := map[int]int64{}
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		for _, pid := range pluginChildren(parent) {
			if hwm := vmHWM(pid); hwm > seen[pid] {
				seen[pid] = hwm
				peak = max(peak, hwm)
			}
		}
		select {
		case <-done:
			return peak
		case <-tick.C:
		}
	}
}

// pluginChildren lists the pids of parent's children named terraform-provider-*.
func pluginChildren(parent int) []int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", parent, parent))
	var pids []int
	if err == nil {
		for _, f := range strings.Fields(string(b)) {
			if pid, err := strconv.Atoi(f); err == nil {
				pids = append(pids, pid)
			}
		}
	}
	// Children of Terraform's other threads.
	tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", parent))
	for _, t := range tasks {
		if t.Name() == strconv.Itoa(parent) {
			continue
		}
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", parent, t.Name()))
		if err != nil {
			continue
		}
		for _, f := range strings.Fields(string(b)) {
			if pid, err := strconv.Atoi(f); err == nil {
				pids = append(pids, pid)
			}
		}
	}
	var out []int
	for _, pid := range pids {
		comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		if err == nil && strings.HasPrefix(string(comm), "terraform-provi") {
			out = append(out, pid)
		}
	}
	return out
}

// vmHWM returns the VmHWM of pid in KiB (0 when it is gone).
func vmHWM(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			fields := strings.Fields(rest)
			if len(fields) > 0 {
				v, _ := strconv.ParseInt(fields[0], 10, 64)
				return v
			}
		}
	}
	return 0
}

// ---- the emulator ----

type emulatorProc struct {
	cmd *exec.Cmd
	url string
	env [][2]string
}

func startEmulator(bin, work string) (*emulatorProc, error) {
	cmd := exec.Command(bin, "-listen", "127.0.0.1:0", "-delay", "0", "-print-env",
		"-quota-gateways", "100000", "-quota-customer-gateways", "100000", "-quota-connections", "100000")
	// The emulator goes when the harness goes, however it ends.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	logf, err := os.Create(filepath.Join(work, "emulator.log"))
	if err != nil {
		return nil, err
	}
	cmd.Stderr = logf
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the emulator: %w", err)
	}
	e := &emulatorProc{cmd: cmd}
	// -print-env prints "listening on URL", then one `export NAME=VALUE`
	// line per variable of the provider's environment, then nothing: read
	// until the lines stop coming.
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	timeout := time.After(15 * time.Second)
read:
	for {
		quiet := time.After(time.Hour)
		if len(e.env) > 0 {
			quiet = time.After(300 * time.Millisecond)
		}
		select {
		case line, ok := <-lines:
			if !ok {
				break read
			}
			if u, ok := strings.CutPrefix(line, "listening on "); ok {
				e.url = strings.TrimSpace(u)
			}
			if kv, ok := strings.CutPrefix(line, "export "); ok {
				name, value, _ := strings.Cut(kv, "=")
				e.env = append(e.env, [2]string{name, strings.Trim(value, `'"`)})
			}
		case <-quiet:
			break read
		case <-timeout:
			break read
		}
	}
	go func() {
		for range lines {
		}
	}()
	if e.url == "" || len(e.env) == 0 {
		e.stop()
		return nil, errors.New("the emulator did not print its address and environment")
	}
	return e, nil
}

func (e *emulatorProc) stop() {
	_ = e.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = e.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = e.cmd.Process.Kill()
	}
}

// requests returns the emulator's request counters ("METHOD /route" -> n).
func (e *emulatorProc) requests() (map[string]int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.url+"/_emulator/requests", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out map[string]int
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("emulator requests: %w", err)
	}
	return out, nil
}

func diffCounts(before, after map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range after {
		if d := v - before[k]; d > 0 {
			out[k] = d
		}
	}
	return out
}

// ---- configurations ----

const providerBlock = `terraform {
  required_providers {
    huaweicloudvpn = { source = "huaweicloudvpn/huaweicloudvpn" }
  }
}

provider "huaweicloudvpn" {}
`

// cgwConfig is n customer gateways, as plain as the measurement:
// the mixed stack has the tags and default_tags.
func cgwConfig(n int) string {
	return providerBlock + fmt.Sprintf(`
resource "huaweicloudvpn_customer_gateway" "this" {
  count    = %d
  name     = "bench-cgw-${count.index}"
  id_type  = "ip"
  id_value = cidrhost("10.0.0.0/8", count.index + 1)
}
`, n)
}

// mixedConfig is n resources in units of ten: one VPN gateway with two EIPs,
// four customer gateways, four VPN connections (two per EIP) and one
// connection monitor, with default_tags and resource tags.
func mixedConfig(n int) string {
	return strings.Replace(providerBlock, `provider "huaweicloudvpn" {}`, `provider "huaweicloudvpn" {
  default_tags {
    tags = { managed_by = "bench" }
  }
}`, 1) + fmt.Sprintf(`
locals {
  units = %d
}

resource "huaweicloudvpn_vpn_gateway" "this" {
  count          = local.units
  name           = "bench-vgw-${count.index}"
  vpc_id         = "0b4f6c2e-1d3a-4e5f-8a9b-0c1d2e3f4a5b"
  connect_subnet = "1c5a7d3f-2e4b-4f6a-9b0c-1d2e3f4a5b6c"
  local_subnets  = [cidrsubnet("192.168.0.0/16", 8, count.index %% 256)]
  eip1           = { type = "5_bgp", bandwidth_size = 10 }
  eip2           = { type = "5_bgp", bandwidth_size = 10 }
  tags           = { unit = tostring(count.index) }
}

resource "huaweicloudvpn_customer_gateway" "this" {
  count    = local.units * 4
  name     = "bench-cgw-${count.index}"
  id_type  = "ip"
  id_value = cidrhost("10.0.0.0/8", count.index + 1)
  tags     = { peer = tostring(count.index) }
}

resource "huaweicloudvpn_vpn_connection" "this" {
  count        = local.units * 4
  name         = "bench-conn-${count.index}"
  vgw_id       = huaweicloudvpn_vpn_gateway.this[floor(count.index / 4)].id
  vgw_ip       = count.index %% 2 == 0 ? huaweicloudvpn_vpn_gateway.this[floor(count.index / 4)].eip1.id : huaweicloudvpn_vpn_gateway.this[floor(count.index / 4)].eip2.id
  cgw_id       = huaweicloudvpn_customer_gateway.this[count.index].id
  peer_subnets = [cidrsubnet("172.16.0.0/12", 12, count.index)]
  psk          = "Bench.psk.${count.index}"
  tags         = { unit = tostring(floor(count.index / 4)) }
}

resource "huaweicloudvpn_connection_monitor" "this" {
  count             = local.units
  vpn_connection_id = huaweicloudvpn_vpn_connection.this[count.index * 4].id
}
`, n/10)
}

func floorConfig(n int) string {
	return fmt.Sprintf(`resource "terraform_data" "this" {
  count = %d
  input = { name = "bench-${count.index}", index = count.index }
}
`, n)
}

// ---- output ----

func printResults(results []*result) {
	fmt.Println()
	fmt.Printf("%-16s %5s %-8s %7s %8s %6s | %7s %8s %6s | %8s  %s\n", "stack", "N", "phase",
		"floor", "provider", "ratio", "cpu flr", "cpu prov", "ratio", "peak RSS", "API requests (last run)")
	for _, r := range results {
		for _, phase := range phases {
			fmt.Printf("%-16s %5d %-8s %6.2fs %7.2fs %5.2fx | %6.2fs %7.2fs %5.2fx | %5.1f MB  %s\n", r.stack, r.n, phase,
				r.median(r.floor, phase).Seconds(), r.median(r.times, phase).Seconds(), r.ratio(phase),
				r.median(r.floorCPU, phase).Seconds(), r.median(r.cpu, phase).Seconds(), r.cpuRatio(phase),
				float64(r.rss[phase])/1024, formatCounts(r.requests[phase]))
		}
	}
	fmt.Println()
}

func formatCounts(m map[string]int) string {
	if len(m) == 0 {
		return "-"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s x%d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

// checkTargets prints each target of issue #13 with its figure and returns
// how many were missed.
func checkTargets(results []*result) int {
	missed := 0
	check := func(ok bool, format string, args ...any) {
		status := "ok    "
		if !ok {
			status = "MISSED"
			missed++
		}
		fmt.Printf("target %s "+format+"\n", append([]any{status}, args...)...)
	}
	var base *result
	for _, r := range results {
		if r.stack == "customer_gateway" && r.n == 200 {
			base = r
		}
	}
	if base != nil {
		check(base.ratio("plan") <= 3.5, "plan -refresh=false of 200 customer gateways <= 3.5x the floor: %.2fx (CPU time %.2fx)",
			base.ratio("plan"), base.cpuRatio("plan"))
		check(base.ratio("apply") <= 2, "apply of 200 customer gateways <= 2x the floor: %.2fx (CPU time %.2fx)",
			base.ratio("apply"), base.cpuRatio("apply"))
	}
	for _, r := range results {
		if r.stack != "customer_gateway" || base == nil || r == base {
			continue
		}
		// Linear: as the floor is, so the ratio to it does not grow with N
		// (a quarter of slack for the noise of single runs).
		for _, phase := range []string{"plan", "apply"} {
			check(r.ratio(phase) <= base.ratio(phase)*1.25, "%s of %d customer gateways stays linear: %.2fx the floor (%.2fx at 200)",
				phase, r.n, r.ratio(phase), base.ratio(phase))
		}
	}
	var peak int64
	for _, r := range results {
		if r.n == 200 {
			for _, v := range r.rss {
				peak = max(peak, v)
			}
		}
	}
	if peak > 0 {
		check(peak <= 40*1024, "provider peak RSS with 200 resources <= 40 MB: %.1f MB", float64(peak)/1024)
	}
	for _, r := range results {
		reqs := r.requests["refresh"]
		gets, lists, other := 0, 0, 0
		for k, v := range reqs {
			switch {
			case strings.HasPrefix(k, "GET ") && strings.HasSuffix(k, "}"):
				gets += v
			case strings.HasPrefix(k, "GET "):
				lists += v
			default:
				other += v
			}
		}
		check(gets == r.n && lists == 0 && other == 0, "refresh of %s x %d: one GET per resource, no list call: %d GETs, %d list calls, %d other",
			r.stack, r.n, gets, lists, other)
	}
	return missed
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line)
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
