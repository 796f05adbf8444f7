package provider

// The planning of nested Optional+Computed objects (the gateway's eip1, eip2
// and policy_template, the connection's ikepolicy and ipsecpolicy): the code
// that keeps the service's defaults from showing as diffs. One planner, one
// leaf walker, two policies:
//
//   - per leaf (planNestedObject with a keep function; the connection's
//     policies): every leaf the configuration leaves out keeps its prior
//     value while keep says the leaf is still valid (peer_id only while
//     peer_id_type and the customer gateway stay, for instance), else it is
//     unknown. The service fills each leaf on its own.
//   - as a whole (planObjectAsWhole; the gateway's EIPs and policy
//     template): when every configured value equals the prior one, the prior
//     object is planned as it is; otherwise the configured values are planned
//     with every other leaf unknown. The service treats these objects as one:
//     a new EIP brings a new address, bandwidth and billing, and a template
//     is sent and answered whole, so no prior leaf survives a change.

import (
	"context"
	"slices"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// keepFunc tells whether the prior value of a leaf that the configuration
// leaves out is still valid. planned holds the leaves planned so far (those
// of order come first), prior the prior object's leaves.
type keepFunc func(name string, planned, prior map[string]attr.Value) bool

// planNestedObject plans a nested object with the per-leaf policy: an
// unknown configuration, or a null one without a known prior object, plans
// an unknown object; otherwise each leaf is the configured value, else the
// prior value while keep(name) (nil keeps every leaf), else unknown. order
// lists leaves planned first, so that keep can look at their planned
// values. A nested object recurses with its prior value when kept (and
// keeps all its leaves), with none otherwise.
func planNestedObject(cfg, prior types.Object, attrTypes map[string]attr.Type, keep keepFunc, order ...string) types.Object {
	if cfg.IsUnknown() || cfg.IsNull() && !known(prior) {
		return types.ObjectUnknown(attrTypes)
	}
	var cfgAttrs, priorAttrs map[string]attr.Value
	if !cfg.IsNull() {
		cfgAttrs = cfg.Attributes()
	}
	if known(prior) {
		priorAttrs = prior.Attributes()
	}
	names := append([]string{}, order...)
	rest := make([]string, 0, len(attrTypes))
	for n := range attrTypes {
		if !slices.Contains(order, n) {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	names = append(names, rest...)

	planned := make(map[string]attr.Value, len(attrTypes))
	for _, name := range names {
		t, cv, pv := attrTypes[name], cfgAttrs[name], priorAttrs[name]
		kept := pv != nil && (keep == nil || keep(name, planned, priorAttrs))
		if ot, ok := t.(types.ObjectType); ok {
			co, po := types.ObjectNull(ot.AttrTypes), types.ObjectNull(ot.AttrTypes)
			if c, ok := cv.(types.Object); ok {
				co = c
			}
			if p, ok := pv.(types.Object); ok && kept {
				po = p
			}
			planned[name] = planNestedObject(co, po, ot.AttrTypes, nil)
			continue
		}
		switch {
		case cv != nil && !cv.IsNull():
			planned[name] = cv
		case kept:
			planned[name] = pv
		default:
			planned[name] = unknownOf(t)
		}
	}
	return types.ObjectValueMust(attrTypes, planned)
}

// planObjectAsWhole plans a nested object with the as-a-whole policy. It
// reports whether the object changes: false when every configured value
// equals the prior one (the prior object is planned as it is, so values the
// service filled never show a diff). A null configuration plans the prior
// object.
func planObjectAsWhole(ctx context.Context, cfg, prior types.Object) (types.Object, bool) {
	switch {
	case cfg.IsUnknown():
		return types.ObjectUnknown(cfg.AttributeTypes(ctx)), true
	case cfg.IsNull():
		return prior, !prior.IsNull()
	case known(prior) && configMatchesState(cfg, prior):
		return prior, false
	}
	return planNestedObject(cfg, types.ObjectNull(cfg.AttributeTypes(ctx)), cfg.AttributeTypes(ctx), nil), true
}

// walkLeaves calls visit with each leaf of a (a known object) and the same
// leaf of b (nil when b lacks it), descending into the nested objects that
// are known on both sides; a nested object known in a only is visited as a
// leaf. It stops, and returns false, at the first visit that returns false.
func walkLeaves(a, b types.Object, visit func(av, bv attr.Value) bool) bool {
	var bAttrs map[string]attr.Value
	if known(b) {
		bAttrs = b.Attributes()
	}
	for name, av := range a.Attributes() {
		bv := bAttrs[name]
		if ao, ok := av.(types.Object); ok && known(ao) {
			if bo, ok := bv.(types.Object); ok && known(bo) {
				if !walkLeaves(ao, bo, visit) {
					return false
				}
				continue
			}
		}
		if !visit(av, bv) {
			return false
		}
	}
	return true
}

// configMatchesState reports whether every non-null value of cfg (a known
// object) equals the same value of state (a known object); an unknown
// configured value never matches.
func configMatchesState(cfg, state types.Object) bool {
	return walkLeaves(cfg, state, func(cv, sv attr.Value) bool {
		return cv.IsNull() || sv != nil && !cv.IsUnknown() && cv.Equal(sv)
	})
}

// knownLeavesDiffer reports whether a known leaf of plan differs from state
// (nested objects included; a null or unknown nested object of plan has no
// known leaves).
func knownLeavesDiffer(plan, state types.Object) bool {
	if !known(plan) {
		return false
	}
	if !known(state) {
		return true
	}
	return !walkLeaves(plan, state, func(pv, sv attr.Value) bool {
		if _, isObject := pv.(types.Object); isObject && !known(pv) {
			return true
		}
		return pv.IsUnknown() || sv != nil && pv.Equal(sv)
	})
}

// unknownsToNull returns o with every unknown value (nested ones included)
// null; an unknown object becomes null.
func unknownsToNull(ctx context.Context, o types.Object) types.Object {
	if o.IsNull() {
		return o
	}
	attrTypes := o.AttributeTypes(ctx)
	if o.IsUnknown() {
		return types.ObjectNull(attrTypes)
	}
	out := make(map[string]attr.Value, len(attrTypes))
	for name, v := range o.Attributes() {
		switch vv := v.(type) {
		case types.Object:
			out[name] = unknownsToNull(ctx, vv)
		default:
			if v.IsUnknown() {
				out[name] = nullOf(attrTypes[name])
			} else {
				out[name] = v
			}
		}
	}
	return types.ObjectValueMust(attrTypes, out)
}
