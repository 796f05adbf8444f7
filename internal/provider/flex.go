package provider

// flex: the conversions between framework values and Go values, shared by
// every resource and data source (in the spirit of the AWS provider's
// internal/flex). Generic helpers live here once, with no resource prefix;
// a resource's own expand/flatten functions live in its <type>_flex.go.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// objectAsOptions keeps unknown and null nested values as they are (empty)
// when an object is read into a model struct.
var objectAsOptions = basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true}

// known reports a value that is neither null nor unknown.
func known(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// ---- framework -> Go ----

// knownString returns the value of a known string, else "" (not sent).
func knownString(v types.String) string {
	if !known(v) {
		return ""
	}
	return v.ValueString()
}

// stringOr returns the value of a known string, else def.
func stringOr(v types.String, def string) string {
	if !known(v) {
		return def
	}
	return v.ValueString()
}

// knownIntPtr returns a pointer to a known int64 as int, else nil.
func knownIntPtr(v types.Int64) *int {
	if !known(v) {
		return nil
	}
	n := int(v.ValueInt64())
	return &n
}

// knownInt64Ptr returns a pointer to a known int64, else nil.
func knownInt64Ptr(v types.Int64) *int64 {
	if !known(v) {
		return nil
	}
	n := v.ValueInt64()
	return &n
}

// setStrings returns the elements of a known set of strings (nil otherwise).
func setStrings(ctx context.Context, s types.Set) ([]string, diag.Diagnostics) {
	if !known(s) {
		return nil, nil
	}
	var out []string
	d := s.ElementsAs(ctx, &out, false)
	return out, d
}

// mapFromTypes converts a known types.Map of strings to a Go map. A null map
// gives nil; an unknown map (or one with an unknown element) gives nil and
// an error diagnostic, since callers only use it on known values.
func mapFromTypes(ctx context.Context, m types.Map) (map[string]string, diag.Diagnostics) {
	if m.IsNull() {
		return nil, nil
	}
	if m.IsUnknown() {
		var d diag.Diagnostics
		d.AddError("Unknown Tags Value", "A map of tags is not known yet; this is a bug in the provider, please report it.")
		return nil, d
	}
	out := map[string]string{}
	d := m.ElementsAs(ctx, &out, false)
	if d.HasError() {
		return nil, d
	}
	return out, nil
}

// objectString returns a string attribute of an object (null when the
// object is null or unknown, or has no such string attribute).
func objectString(o types.Object, name string) types.String {
	if !known(o) {
		return types.StringNull()
	}
	if v, ok := o.Attributes()[name].(types.String); ok {
		return v
	}
	return types.StringNull()
}

// objectInt64 returns an int64 attribute of an object (null when the object
// is null or unknown, or has no such int64 attribute).
func objectInt64(o types.Object, name string) types.Int64 {
	if !known(o) {
		return types.Int64Null()
	}
	if v, ok := o.Attributes()[name].(types.Int64); ok {
		return v
	}
	return types.Int64Null()
}

// objectStrings returns the named string attributes of obj (null or unknown
// values included); an attribute that is missing or not a string is an error.
func objectStrings(obj types.Object, names ...string) (map[string]types.String, error) {
	attrs := obj.Attributes()
	out := make(map[string]types.String, len(names))
	for _, name := range names {
		v, ok := attrs[name].(types.String)
		if !ok {
			return nil, fmt.Errorf("attribute %s is %T, not a string", name, attrs[name])
		}
		out[name] = v
	}
	return out, nil
}

// ---- Go -> framework ----

// strOrNull is a string value, null when empty.
func strOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// strOrPrior is s, or, when s is empty (a value the service did not return),
// the prior value: null when that is unknown.
func strOrPrior(s string, prior types.String) types.String {
	if s != "" {
		return types.StringValue(s)
	}
	if prior.IsUnknown() {
		return types.StringNull()
	}
	return prior
}

// intOrNull is an int64 value, null when nil.
func intOrNull(n *int) types.Int64 {
	if n == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*n))
}

// int64UnknownAsNull turns an unknown value into null.
func int64UnknownAsNull(v types.Int64) types.Int64 {
	if v.IsUnknown() {
		return types.Int64Null()
	}
	return v
}

// stringSetValue is a known set of strings (empty, not null, for none).
func stringSetValue(list []string) types.Set {
	elems := make([]attr.Value, 0, len(list))
	for _, s := range list {
		elems = append(elems, types.StringValue(s))
	}
	return types.SetValueMust(types.StringType, elems)
}

// stringSetOrNull is a set of strings, null when list is empty.
func stringSetOrNull(list []string) types.Set {
	if len(list) == 0 {
		return types.SetNull(types.StringType)
	}
	return stringSetValue(list)
}

// stringListValue is a known list of strings (empty, not null, for none).
func stringListValue(values []string) types.List {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}

// stringMapValue converts a Go map to a known types.Map of strings (an empty,
// non-null map for a nil or empty input).
func stringMapValue(m map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// unknownOf is the unknown value of an attribute type.
func unknownOf(t attr.Type) attr.Value { return valueOfType(t, tftypes.UnknownValue) }

// nullOf is the null value of an attribute type.
func nullOf(t attr.Type) attr.Value { return valueOfType(t, nil) }

// valueOfType is t's value of a null (v nil) or unknown (v
// tftypes.UnknownValue) Terraform value. The framework's types, and pemType,
// never read the context and never fail on these values, so neither a
// caller's context nor an error is needed.
func valueOfType(t attr.Type, v any) attr.Value {
	ctx := context.Background()
	val, err := t.ValueFromTerraform(ctx, tftypes.NewValue(t.TerraformType(ctx), v))
	if err != nil {
		panic(fmt.Sprintf("provider: no null or unknown value of %s: %v", t, err))
	}
	return val
}
