package main

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// terraform-plugin-framework (v1.19) keeps the cancel function of every
// RPC's context until StopProvider, so that StopProvider can cancel them
// all; that cancel function keeps the whole context alive, and with it the
// loggers, fields and gRPC stream terraform-plugin-go attached to it: about
// 10 KiB per RPC, for as long as Terraform talks to the provider. A plan of
// 1,000 resources (two RPCs each) held some 25 MiB that way and spent its
// time collecting garbage.
//
// releasingServer hands the framework, for each per-resource RPC, a context
// that forgets its parent when the RPC returns: the framework still keeps
// its cancel function, but that now holds a few bytes. During the RPC the
// context is its parent: same values (loggers), deadline and cancellation.

// fullProviderServer is every RPC set the framework serves.
type fullProviderServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// releasingServer wraps the framework's provider server (see above).
type releasingServer struct {
	fullProviderServer
}

// releaseContexts wraps s when it serves every RPC set; otherwise it
// returns s unchanged.
func releaseContexts(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	full, ok := s.(fullProviderServer)
	if !ok {
		return s
	}
	return releasingServer{full}
}

// rpcContext is a context that is its parent until release, then a
// cancelled context with no values.
type rpcContext struct {
	parent atomic.Pointer[context.Context]
}

// closedDone is the Done channel of a released rpcContext.
var closedDone = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// newRPCContext returns a context that is parent until release is called.
func newRPCContext(parent context.Context) (ctx context.Context, release func()) {
	c := &rpcContext{}
	c.parent.Store(&parent)
	return c, func() { c.parent.Store(nil) }
}

func (c *rpcContext) Deadline() (time.Time, bool) {
	if p := c.parent.Load(); p != nil {
		return (*p).Deadline()
	}
	return time.Time{}, false
}

func (c *rpcContext) Done() <-chan struct{} {
	if p := c.parent.Load(); p != nil {
		return (*p).Done()
	}
	return closedDone
}

func (c *rpcContext) Err() error {
	if p := c.parent.Load(); p != nil {
		return (*p).Err()
	}
	return context.Canceled
}

func (c *rpcContext) Value(key any) any {
	if p := c.parent.Load(); p != nil {
		return (*p).Value(key)
	}
	return nil
}

// call runs one RPC of the wrapped server with a releasing context.
func call[Req, Resp any](ctx context.Context, rpc func(context.Context, Req) (Resp, error), req Req) (Resp, error) {
	rctx, release := newRPCContext(ctx)
	defer release()
	return rpc(rctx, req)
}

// The per-resource and per-data-source RPCs: Terraform sends these once or
// more per resource instance. The others pass through.

func (s releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return call(ctx, s.fullProviderServer.ValidateResourceConfig, req)
}

func (s releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return call(ctx, s.fullProviderServer.UpgradeResourceState, req)
}

func (s releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return call(ctx, s.fullProviderServer.ReadResource, req)
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return call(ctx, s.fullProviderServer.PlanResourceChange, req)
}

func (s releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return call(ctx, s.fullProviderServer.ApplyResourceChange, req)
}

func (s releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return call(ctx, s.fullProviderServer.ImportResourceState, req)
}

func (s releasingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return call(ctx, s.fullProviderServer.MoveResourceState, req)
}

func (s releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return call(ctx, s.fullProviderServer.UpgradeResourceIdentity, req)
}

func (s releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return call(ctx, s.fullProviderServer.ValidateDataResourceConfig, req)
}

func (s releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return call(ctx, s.fullProviderServer.ReadDataSource, req)
}
