package provider

// Helpers shared by the list data sources: they turn a resource's schema
// into the computed attributes of a data-source item and a flattened
// resource model into that item's value, so that every list data source
// shows exactly the fields of its resource (secrets excluded) and reuses the
// resource's own flatten code instead of a second copy.

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// dsTimeoutsAttr is the timeouts block of the resources; items never have it.
const dsTimeoutsAttr = "timeouts"

// dsItemSpec describes the items of a list data source built from a resource.
type dsItemSpec struct {
	// schema is the resource's schema.
	schema rschema.Schema
	// exclude names resource attributes left out of the items (secrets and
	// write triggers); write-only attributes and timeouts are always left out.
	exclude map[string]bool
}

// newDSItemSpec reads r's schema and returns the item spec that leaves out exclude.
func newDSItemSpec(ctx context.Context, r resource.Resource, exclude ...string) (dsItemSpec, diag.Diagnostics) {
	var resp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &resp)
	spec := dsItemSpec{schema: resp.Schema, exclude: map[string]bool{dsTimeoutsAttr: true}}
	for _, name := range exclude {
		spec.exclude[name] = true
	}
	for name, a := range resp.Schema.Attributes {
		if a.IsWriteOnly() {
			spec.exclude[name] = true
		}
	}
	return spec, resp.Diagnostics
}

// attributes returns the item's attributes: every kept resource attribute
// (and nested block) as a computed data-source attribute with the same type
// and description. overrides replace the description of some attributes.
func (s dsItemSpec) attributes(overrides map[string]string) map[string]dschema.Attribute {
	out := map[string]dschema.Attribute{}
	for name, a := range s.schema.Attributes {
		if s.exclude[name] {
			continue
		}
		out[name] = dsComputedAttribute(a)
	}
	for name, b := range s.schema.Blocks {
		if s.exclude[name] {
			continue
		}
		if a := dsComputedBlock(b); a != nil {
			out[name] = a
		}
	}
	for name, desc := range overrides {
		if a, ok := out[name]; ok {
			out[name] = dsWithDescription(a, desc)
		}
	}
	return out
}

// attrTypes are the attribute types of one item.
func (s dsItemSpec) attrTypes() map[string]attr.Type {
	out := map[string]attr.Type{}
	for name, a := range s.schema.Attributes {
		if !s.exclude[name] {
			out[name] = a.GetType()
		}
	}
	for name, b := range s.schema.Blocks {
		if !s.exclude[name] {
			out[name] = b.Type()
		}
	}
	return out
}

// objectType is the type of one item.
func (s dsItemSpec) objectType() types.ObjectType {
	return types.ObjectType{AttrTypes: s.attrTypes()}
}

// nullModel fills target (a pointer to the resource's model) with a typed
// null for every attribute, as the "prior" of the resource's flatten
// function when there is no prior state (a data source read).
func (s dsItemSpec) nullModel(ctx context.Context, target any) diag.Diagnostics {
	typ, ok := s.schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		var d diag.Diagnostics
		d.AddError("Unexpected Schema Type", "A resource schema is not an object. This is a bug in the provider; please report it.")
		return d
	}
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for k, t := range typ.AttributeTypes {
		vals[k] = tftypes.NewValue(t, nil)
	}
	st := tfsdk.State{Schema: s.schema, Raw: tftypes.NewValue(typ, vals)}
	return st.Get(ctx, target)
}

// item converts a resource model (as returned by the resource's flatten
// function) into an item value. The item's `tags` hold every tag of the
// resource (the same as `tags_all`): a data source has no configuration to
// tell the resource's own tags from the provider's default ones.
func (s dsItemSpec) item(ctx context.Context, model any) (types.Object, diag.Diagnostics) {
	var diags diag.Diagnostics
	full, ok := s.schema.Type().(attr.TypeWithAttributeTypes)
	if !ok {
		diags.AddError("Unexpected Schema Type", "A resource schema is not an object. This is a bug in the provider; please report it.")
		return types.ObjectNull(s.attrTypes()), diags
	}
	obj, d := types.ObjectValueFrom(ctx, full.AttributeTypes(), model)
	diags.Append(d...)
	if diags.HasError() {
		return types.ObjectNull(s.attrTypes()), diags
	}
	attrs := map[string]attr.Value{}
	for name, v := range obj.Attributes() {
		if !s.exclude[name] {
			attrs[name] = v
		}
	}
	if all, ok := attrs["tags_all"]; ok {
		if _, has := attrs["tags"]; has {
			attrs["tags"] = all
		}
	}
	out, d := types.ObjectValue(s.attrTypes(), attrs)
	diags.Append(d...)
	return out, diags
}

// list builds the list value of items.
func (s dsItemSpec) list(items []attr.Value) (types.List, diag.Diagnostics) {
	if items == nil {
		items = []attr.Value{}
	}
	return types.ListValue(s.objectType(), items)
}

// dsFlattenItems lists values as the items of a list data source built from
// resource r (leaving out exclude): each value goes through the resource's
// own flatten function, with a null model of r as its prior, and idOf gives
// its id. A value whose flatten fails is left out; its errors are returned.
func dsFlattenItems[T, M any](ctx context.Context, r resource.Resource, exclude []string, values []T,
	idOf func(*T) string, flatten func(v *T, prior *M) (any, diag.Diagnostics),
) (items, ids types.List, diags diag.Diagnostics) {
	spec, d := newDSItemSpec(ctx, r, exclude...)
	diags.Append(d...)
	var prior M
	diags.Append(spec.nullModel(ctx, &prior)...)
	if diags.HasError() {
		return types.ListNull(spec.objectType()), types.ListNull(types.StringType), diags
	}
	objs := make([]attr.Value, 0, len(values))
	idList := make([]string, 0, len(values))
	for i := range values {
		m, d := flatten(&values[i], &prior)
		diags.Append(d...)
		if d.HasError() {
			continue
		}
		obj, d := spec.item(ctx, m)
		diags.Append(d...)
		objs = append(objs, obj)
		idList = append(idList, idOf(&values[i]))
	}
	items, d = spec.list(objs)
	diags.Append(d...)
	return items, stringListValue(idList), diags
}

// dsComputedAttribute converts a resource attribute into a computed
// data-source attribute of the same type, description and sensitivity.
func dsComputedAttribute(a rschema.Attribute) dschema.Attribute {
	desc := a.GetMarkdownDescription()
	sensitive := a.IsSensitive()
	switch a := a.(type) {
	case rschema.StringAttribute:
		return dschema.StringAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc, CustomType: a.CustomType}
	case rschema.BoolAttribute:
		return dschema.BoolAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc, CustomType: a.CustomType}
	case rschema.Int64Attribute:
		return dschema.Int64Attribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc, CustomType: a.CustomType}
	case rschema.Int32Attribute:
		return dschema.Int32Attribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc, CustomType: a.CustomType}
	case rschema.Float64Attribute:
		return dschema.Float64Attribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc, CustomType: a.CustomType}
	case rschema.NumberAttribute:
		return dschema.NumberAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc, CustomType: a.CustomType}
	case rschema.ListAttribute:
		return dschema.ListAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc, ElementType: a.ElementType, CustomType: a.CustomType}
	case rschema.SetAttribute:
		return dschema.SetAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc, ElementType: a.ElementType, CustomType: a.CustomType}
	case rschema.MapAttribute:
		return dschema.MapAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc, ElementType: a.ElementType, CustomType: a.CustomType}
	case rschema.ObjectAttribute:
		return dschema.ObjectAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc, AttributeTypes: a.AttributeTypes, CustomType: a.CustomType}
	case rschema.SingleNestedAttribute:
		return dschema.SingleNestedAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc,
			Attributes: dsComputedAttributes(a.Attributes), CustomType: a.CustomType}
	case rschema.ListNestedAttribute:
		return dschema.ListNestedAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc,
			NestedObject: dschema.NestedAttributeObject{Attributes: dsComputedAttributes(a.NestedObject.Attributes), CustomType: a.NestedObject.CustomType},
			CustomType:   a.CustomType}
	case rschema.SetNestedAttribute:
		return dschema.SetNestedAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc,
			NestedObject: dschema.NestedAttributeObject{Attributes: dsComputedAttributes(a.NestedObject.Attributes), CustomType: a.NestedObject.CustomType},
			CustomType:   a.CustomType}
	case rschema.MapNestedAttribute:
		return dschema.MapNestedAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc,
			NestedObject: dschema.NestedAttributeObject{Attributes: dsComputedAttributes(a.NestedObject.Attributes), CustomType: a.NestedObject.CustomType},
			CustomType:   a.CustomType}
	}
	// Any other attribute kind: a computed object or value of the same type.
	if ot, ok := a.GetType().(types.ObjectType); ok {
		return dschema.ObjectAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: desc, AttributeTypes: ot.AttrTypes}
	}
	panic(fmt.Sprintf("dsComputedAttribute: unsupported resource attribute %T", a))
}

// dsComputedAttributes converts a map of nested resource attributes.
func dsComputedAttributes(in map[string]rschema.Attribute) map[string]dschema.Attribute {
	out := make(map[string]dschema.Attribute, len(in))
	for name, a := range in {
		if a.IsWriteOnly() {
			continue
		}
		out[name] = dsComputedAttribute(a)
	}
	return out
}

// dsComputedBlock converts a nested resource block into a computed nested
// attribute of the same type (nil for a block kind it does not know).
func dsComputedBlock(b rschema.Block) dschema.Attribute {
	desc := b.GetMarkdownDescription()
	switch b := b.(type) {
	case rschema.SingleNestedBlock:
		attrs := dsComputedAttributes(b.Attributes)
		for name, nb := range b.Blocks {
			if a := dsComputedBlock(nb); a != nil {
				attrs[name] = a
			}
		}
		return dschema.SingleNestedAttribute{Computed: true, MarkdownDescription: desc, Attributes: attrs}
	case rschema.ListNestedBlock:
		attrs := dsComputedAttributes(b.NestedObject.Attributes)
		for name, nb := range b.NestedObject.Blocks {
			if a := dsComputedBlock(nb); a != nil {
				attrs[name] = a
			}
		}
		return dschema.ListNestedAttribute{Computed: true, MarkdownDescription: desc, NestedObject: dschema.NestedAttributeObject{Attributes: attrs}}
	case rschema.SetNestedBlock:
		attrs := dsComputedAttributes(b.NestedObject.Attributes)
		for name, nb := range b.NestedObject.Blocks {
			if a := dsComputedBlock(nb); a != nil {
				attrs[name] = a
			}
		}
		return dschema.SetNestedAttribute{Computed: true, MarkdownDescription: desc, NestedObject: dschema.NestedAttributeObject{Attributes: attrs}}
	}
	return nil
}

// dsWithDescription returns a with another description (for the attribute
// kinds dsComputedAttribute makes; others are returned unchanged).
func dsWithDescription(a dschema.Attribute, desc string) dschema.Attribute {
	switch a := a.(type) {
	case dschema.StringAttribute:
		a.MarkdownDescription = desc
		return a
	case dschema.MapAttribute:
		a.MarkdownDescription = desc
		return a
	case dschema.SetAttribute:
		a.MarkdownDescription = desc
		return a
	case dschema.Int64Attribute:
		a.MarkdownDescription = desc
		return a
	case dschema.BoolAttribute:
		a.MarkdownDescription = desc
		return a
	}
	return a
}

// dsItemTagsDescription is the description of `tags` in list items.
const dsItemTagsDescription = "Every tag of the resource, as a map of key to value (the same as `tags_all`: a data " +
	"source cannot tell the resource's own tags from the provider's `default_tags`)."

// dsTagsMatch reports whether have holds every key of want with the same value.
func dsTagsMatch(have, want map[string]string) bool {
	for k, v := range want {
		if hv, ok := have[k]; !ok || hv != v {
			return false
		}
	}
	return true
}

// dsStringFilter reports whether value passes a string filter: an unset
// filter passes everything; otherwise the two are equal ignoring case when
// fold is set, exactly when not.
func dsStringFilter(filter types.String, value string, fold bool) bool {
	if !known(filter) {
		return true
	}
	if fold {
		return strings.EqualFold(filter.ValueString(), value)
	}
	return filter.ValueString() == value
}

// dsTagsFilterAttribute is the `tags` filter of the list data sources.
func dsTagsFilterAttribute(what string) dschema.MapAttribute {
	return dschema.MapAttribute{
		ElementType: types.StringType,
		Optional:    true,
		MarkdownDescription: "Only " + what + " that carry every one of these tags with exactly these values " +
			"(applied by the provider after reading all pages).",
	}
}
