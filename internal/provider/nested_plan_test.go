package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The nested objects of these tests: two leaves and a nested object.
var (
	npInnerTypes = map[string]attr.Type{"x": types.StringType, "y": types.StringType}
	npTypes      = map[string]attr.Type{
		"a": types.StringType, "b": types.Int64Type, "n": types.ObjectType{AttrTypes: npInnerTypes},
	}
	npS = types.StringValue
	npN = types.StringNull()
	npU = types.StringUnknown()
)

func npInner(x, y types.String) types.Object {
	return types.ObjectValueMust(npInnerTypes, map[string]attr.Value{"x": x, "y": y})
}

func npObj(a types.String, b types.Int64, n types.Object) types.Object {
	return types.ObjectValueMust(npTypes, map[string]attr.Value{"a": a, "b": b, "n": n})
}

var (
	npInnerNull    = types.ObjectNull(npInnerTypes)
	npInnerUnknown = types.ObjectUnknown(npInnerTypes)
	npNull         = types.ObjectNull(npTypes)
	npUnknown      = types.ObjectUnknown(npTypes)
	// npPrior is what the service returned: every leaf filled.
	npPrior = npObj(npS("a1"), types.Int64Value(1), npInner(npS("x1"), npS("y1")))
)

func TestPlanNestedObject(t *testing.T) {
	keepAllBut := func(names ...string) keepFunc {
		return func(name string, _, _ map[string]attr.Value) bool {
			for _, n := range names {
				if n == name {
					return false
				}
			}
			return true
		}
	}
	// b is kept only while the planned a equals the prior a (a is planned first).
	bFollowsA := func(name string, planned, prior map[string]attr.Value) bool {
		return name != "b" || planned["a"].Equal(prior["a"])
	}
	cases := []struct {
		name       string
		cfg, prior types.Object
		keep       keepFunc
		order      []string
		want       types.Object
	}{
		{"unknown configuration", npUnknown, npPrior, nil, nil, npUnknown},
		{"null configuration, no prior", npNull, npNull, nil, nil, npUnknown},
		{"null configuration, unknown prior", npNull, npUnknown, nil, nil, npUnknown},
		{"null configuration keeps the prior", npNull, npPrior, nil, nil, npPrior},
		{"configured leaves win", npObj(npS("a2"), types.Int64Null(), npInnerNull), npPrior, nil, nil,
			npObj(npS("a2"), types.Int64Value(1), npInner(npS("x1"), npS("y1")))},
		{"no prior: unset leaves unknown", npObj(npS("a2"), types.Int64Null(), npInnerNull), npNull, nil, nil,
			npObj(npS("a2"), types.Int64Unknown(), npInnerUnknown)},
		{"no prior: configured nested leaves, the others unknown", npObj(npN, types.Int64Null(), npInner(npS("x2"), npN)), npNull, nil, nil,
			npObj(npU, types.Int64Unknown(), npInner(npS("x2"), npU))},
		{"a leaf not kept is unknown", npObj(npN, types.Int64Null(), npInnerNull), npPrior, keepAllBut("b"), nil,
			npObj(npS("a1"), types.Int64Unknown(), npInner(npS("x1"), npS("y1")))},
		{"a nested object not kept is unknown", npObj(npN, types.Int64Null(), npInnerNull), npPrior, keepAllBut("n"), nil,
			npObj(npS("a1"), types.Int64Value(1), npInnerUnknown)},
		{"a nested object not kept keeps its configured leaves", npObj(npN, types.Int64Null(), npInner(npN, npS("y2"))), npPrior, keepAllBut("n"), nil,
			npObj(npS("a1"), types.Int64Value(1), npInner(npU, npS("y2")))},
		{"a kept nested object merges configuration and prior", npObj(npN, types.Int64Null(), npInner(npN, npS("y2"))), npPrior, nil, nil,
			npObj(npS("a1"), types.Int64Value(1), npInner(npS("x1"), npS("y2")))},
		{"order: keep sees the planned leaf (same a)", npObj(npS("a1"), types.Int64Null(), npInnerNull), npPrior, bFollowsA, []string{"a"},
			npPrior},
		{"order: keep sees the planned leaf (new a)", npObj(npS("a2"), types.Int64Null(), npInnerNull), npPrior, bFollowsA, []string{"a"},
			npObj(npS("a2"), types.Int64Unknown(), npInner(npS("x1"), npS("y1")))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := planNestedObject(c.cfg, c.prior, npTypes, c.keep, c.order...)
			if !got.Equal(c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
		})
	}
}

func TestPlanObjectAsWhole(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name        string
		cfg, prior  types.Object
		want        types.Object
		wantChanged bool
	}{
		{"unknown configuration", npUnknown, npPrior, npUnknown, true},
		{"null configuration plans the prior", npNull, npPrior, npPrior, true},
		{"null configuration and prior", npNull, npNull, npNull, false},
		{"configured values equal to the prior: the prior as it is",
			npObj(npS("a1"), types.Int64Null(), npInner(npN, npS("y1"))), npPrior, npPrior, false},
		{"empty configuration matches", npObj(npN, types.Int64Null(), npInnerNull), npPrior, npPrior, false},
		{"one change: configured values, every other leaf unknown",
			npObj(npS("a2"), types.Int64Null(), npInner(npN, npS("y1"))), npPrior,
			npObj(npS("a2"), types.Int64Unknown(), npInner(npU, npS("y1"))), true},
		{"a nested change: the unset nested object unknown too",
			npObj(npN, types.Int64Value(2), npInnerNull), npPrior,
			npObj(npU, types.Int64Value(2), npInnerUnknown), true},
		{"an unknown configured value is a change",
			npObj(npU, types.Int64Null(), npInnerNull), npPrior,
			npObj(npU, types.Int64Unknown(), npInnerUnknown), true},
		{"no prior", npObj(npS("a1"), types.Int64Null(), npInnerNull), npNull,
			npObj(npS("a1"), types.Int64Unknown(), npInnerUnknown), true},
		{"configured nested object, prior without it",
			npObj(npN, types.Int64Null(), npInner(npS("x1"), npN)), npObj(npS("a1"), types.Int64Value(1), npInnerNull),
			npObj(npU, types.Int64Unknown(), npInner(npS("x1"), npU)), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, changed := planObjectAsWhole(ctx, c.cfg, c.prior)
			if !got.Equal(c.want) || changed != c.wantChanged {
				t.Errorf("got  %v (changed %v)\nwant %v (changed %v)", got, changed, c.want, c.wantChanged)
			}
		})
	}
}

func TestLeafWalkers(t *testing.T) {
	cases := []struct {
		name         string
		a, b         types.Object
		matches      bool // configMatchesState(a, b)
		leavesDiffer bool // knownLeavesDiffer(a, b)
	}{
		{"equal", npPrior, npPrior, true, false},
		{"null leaves match anything; a null leaf differs from a value",
			npObj(npN, types.Int64Null(), npInner(npN, npS("y1"))), npPrior, true, true},
		{"unknown leaves never match and never differ",
			npObj(npU, types.Int64Unknown(), npInner(npU, npU)), npPrior, false, false},
		{"another value", npObj(npS("a1"), types.Int64Value(2), npInner(npS("x1"), npS("y1"))), npPrior, false, true},
		{"another nested value", npObj(npS("a1"), types.Int64Value(1), npInner(npS("x1"), npS("y2"))), npPrior, false, true},
		{"null nested object: matches, no known leaf", npObj(npS("a1"), types.Int64Value(1), npInnerNull), npPrior, true, false},
		{"unknown nested object: no match, no known leaf", npObj(npS("a1"), types.Int64Value(1), npInnerUnknown), npPrior, false, false},
		{"nested object the other side lacks",
			npObj(npS("a1"), types.Int64Value(1), npInner(npN, npN)), npObj(npS("a1"), types.Int64Value(1), npInnerNull), false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := configMatchesState(c.a, c.b); got != c.matches {
				t.Errorf("configMatchesState = %v, want %v", got, c.matches)
			}
			if got := knownLeavesDiffer(c.a, c.b); got != c.leavesDiffer {
				t.Errorf("knownLeavesDiffer = %v, want %v", got, c.leavesDiffer)
			}
		})
	}
	if !knownLeavesDiffer(npPrior, npNull) || knownLeavesDiffer(npNull, npPrior) || knownLeavesDiffer(npUnknown, npPrior) {
		t.Error("knownLeavesDiffer: a known object differs from a null one; a null or unknown plan never differs")
	}
}

func TestUnknownsToNull(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		in   types.Object
		want types.Object
	}{
		{"null stays null", npNull, npNull},
		{"unknown becomes null", npUnknown, npNull},
		{"known unchanged", npPrior, npPrior},
		{"leaves and nested objects", npObj(npU, types.Int64Value(1), npInner(npS("x1"), npU)),
			npObj(npN, types.Int64Value(1), npInner(npS("x1"), npN))},
		{"unknown nested object", npObj(npS("a1"), types.Int64Unknown(), npInnerUnknown),
			npObj(npS("a1"), types.Int64Null(), npInnerNull)},
	} {
		if got := unknownsToNull(ctx, c.in); !got.Equal(c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}
