//go:build tools

// Package tools pins the development tools of the provider. The tools
// themselves are declared with the go.mod "tool" directive and run with
// `go tool <name>` from this directory.
package tools
