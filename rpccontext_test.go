package main

import (
	"context"
	"errors"
	"runtime"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/provider"
)

func frameworkServer() tfprotov6.ProviderServer {
	return providerserver.NewProtocol6(provider.New("test")())()
}

func TestReleaseContexts_wrapsTheFrameworkServer(t *testing.T) {
	s := releaseContexts(frameworkServer())
	if _, ok := s.(releasingServer); !ok {
		t.Fatalf("releaseContexts returned %T: the framework's server no longer serves every RPC set", s)
	}
	// tf6server finds list resources, actions and state stores by type
	// assertion: the wrapper serves them all.
	if _, ok := s.(fullProviderServer); !ok {
		t.Error("the wrapped server does not serve every RPC set")
	}
}

type ctxKey struct{}

func TestRPCContext(t *testing.T) {
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "logger"))
	ctx, release := newRPCContext(parent)
	if got := ctx.Value(ctxKey{}); got != "logger" {
		t.Errorf("during the RPC: Value = %v, want the parent's", got)
	}
	child, cancelChild := context.WithCancel(ctx)
	defer cancelChild()
	cancel()
	<-child.Done()
	if !errors.Is(child.Err(), context.Canceled) || !errors.Is(ctx.Err(), context.Canceled) {
		t.Errorf("the parent's cancellation does not reach the RPC: %v, %v", ctx.Err(), child.Err())
	}

	release()
	if got := ctx.Value(ctxKey{}); got != nil {
		t.Errorf("after the RPC: Value = %v, want nil", got)
	}
	select {
	case <-ctx.Done():
	default:
		t.Error("after the RPC: Done is not closed")
	}
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Errorf("after the RPC: Err = %v, want context.Canceled", ctx.Err())
	}
}

// heapGrowth returns how much the live heap grew after running f n times with a context
// carrying 64 KiB (as terraform-plugin-go's loggers and fields do, smaller).
func heapGrowth(n int, f func(context.Context)) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range n {
		ctx := context.WithValue(context.Background(), ctxKey{}, make([]byte, 64<<10))
		f(ctx)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
}

func TestReleaseContexts_finishedRPCsKeepNoContext(t *testing.T) {
	const n = 200 // 12.5 MiB of contexts
	req := &tfprotov6.ValidateResourceConfigRequest{TypeName: "huaweicloudvpn_customer_gateway"}

	inner := frameworkServer()
	leaked := heapGrowth(n, func(ctx context.Context) { _, _ = inner.ValidateResourceConfig(ctx, req) })
	runtime.KeepAlive(inner)
	if leaked < n*32<<10 {
		t.Errorf("the framework's server alone kept only %d KiB after %d RPCs: it no longer keeps "+
			"finished RPCs' contexts, and rpccontext.go can go", leaked>>10, n)
	}

	wrapped := releaseContexts(frameworkServer())
	kept := heapGrowth(n, func(ctx context.Context) { _, _ = wrapped.ValidateResourceConfig(ctx, req) })
	runtime.KeepAlive(wrapped)
	if kept > 2<<20 {
		t.Errorf("with releaseContexts, %d RPCs still keep %d KiB (the framework alone: %d KiB)", n, kept>>10, leaked>>10)
	}
	t.Logf("after %d RPCs with 64 KiB contexts: framework alone keeps %d KiB, wrapped %d KiB", n, leaked>>10, kept>>10)
}
