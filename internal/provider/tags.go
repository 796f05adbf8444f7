package provider

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// tagBatchSize bounds the tags of one create/delete request (reference: at most 20).
const tagBatchSize = apispec.MaxTags

// tagsSchemaAttribute is the `tags` attribute of every taggable resource.
func tagsSchemaAttribute() schema.MapAttribute {
	return schema.MapAttribute{
		ElementType: types.StringType,
		Optional:    true,
		MarkdownDescription: fmt.Sprintf("Tags of the resource, as a map of key to value (at most %d; keys of %d-%d and values of "+
			"0-%d letters, digits, spaces or `_ . : = + - @`). They are merged over the provider's `default_tags`.",
			apispec.MaxTags, apispec.TagKeyMinLen, apispec.TagKeyMaxLen, apispec.TagValueMaxLen),
		Validators: tagsValidators(),
	}
}

// tagsAllSchemaAttribute is the `tags_all` attribute of every taggable
// resource: the resource's tags merged over the provider's default_tags. It
// has no UseStateForUnknown: modifyPlanTagsAll always plans its value, so a
// change of default_tags shows as an in-place update.
func tagsAllSchemaAttribute() schema.MapAttribute {
	return schema.MapAttribute{
		ElementType:         types.StringType,
		Computed:            true,
		MarkdownDescription: "All tags of the resource: `tags` merged over the provider's `default_tags`.",
	}
}

// mergeTags returns defaults overlaid with tags (tags win); never nil.
func mergeTags(defaults, tags map[string]string) map[string]string {
	out := make(map[string]string, len(defaults)+len(tags))
	for k, v := range defaults {
		out[k] = v
	}
	for k, v := range tags {
		out[k] = v
	}
	return out
}

// modifyPlanTagsAll plans `tags_all` as the planned `tags` merged over the
// provider's default tags, so that a change of default_tags plans an
// in-place update. Taggable resources call it from ModifyPlan. It leaves a
// destroy plan alone and plans tags_all unknown while tags are unknown.
//
// It reads tags and writes tags_all on the plan's Terraform value where it
// can (plannedTagsRaw, setPlanAttributeRaw) instead of through GetAttribute
// and SetAttribute, which each walk the whole schema (and rebuild its
// attribute map) for one root attribute; per resource planned that walk was
// most of the provider's own plan-time work. Either way the planned value and
// the limit check are the same code.
func modifyPlanTagsAll(ctx context.Context, defaultTags map[string]string, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var tagsAll types.Map
	var own int
	if tags, known, ok := plannedTagsRaw(req.Plan.Raw); ok {
		tagsAll, own = planTagsAllFrom(defaultTags, tags, known), len(tags)
	} else {
		var tags types.Map
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("tags"), &tags)...)
		if resp.Diagnostics.HasError() {
			return
		}
		var d diag.Diagnostics
		tagsAll, d = planTagsAll(ctx, defaultTags, tags)
		resp.Diagnostics.Append(d...)
		if resp.Diagnostics.HasError() {
			return
		}
		own = len(tags.Elements())
	}
	if n := len(tagsAll.Elements()); n > apispec.MaxTags {
		resp.Diagnostics.AddAttributeError(path.Root("tags"), "Too Many Tags", mergedTagsDetail(own, len(defaultTags), n))
		return
	}
	if setPlanAttributeRaw(ctx, resp, "tags_all", tagsAll) {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("tags_all"), tagsAll)...)
}

// plannedTagsRaw reads the planned root attribute `tags` from the plan's
// Terraform value: known reports false while tags or one of their values is
// unknown. It reports ok false for every case it does not read (an unknown
// plan, a null value, an unexpected shape), which GetAttribute then handles.
func plannedTagsRaw(plan tftypes.Value) (tags map[string]string, known, ok bool) {
	var attrs map[string]tftypes.Value
	if !plan.IsKnown() || plan.As(&attrs) != nil {
		return nil, false, false
	}
	raw, ok := attrs["tags"]
	if !ok {
		return nil, false, false
	}
	if !raw.IsKnown() {
		return nil, false, true
	}
	if raw.IsNull() {
		return nil, true, true
	}
	var elems map[string]tftypes.Value
	if raw.As(&elems) != nil {
		return nil, false, false
	}
	for _, e := range elems {
		if !e.IsKnown() {
			return nil, false, true
		}
	}
	tags = make(map[string]string, len(elems))
	for k, e := range elems {
		var v string
		if e.IsNull() || e.As(&v) != nil {
			return nil, false, false
		}
		tags[k] = v
	}
	return tags, true, true
}

// setPlanAttributeRaw sets the root attribute name of the planned object to
// v on the plan's Terraform value. It reports false, having changed nothing,
// when the plan or the attribute is not of the expected shape; the caller
// then uses SetAttribute.
func setPlanAttributeRaw(ctx context.Context, resp *resource.ModifyPlanResponse, name string, v types.Map) bool {
	tv, err := v.ToTerraformValue(ctx)
	if err != nil {
		return false
	}
	var attrs map[string]tftypes.Value
	if !resp.Plan.Raw.IsKnown() || resp.Plan.Raw.IsNull() || resp.Plan.Raw.As(&attrs) != nil {
		return false
	}
	old, ok := attrs[name]
	if !ok || !old.Type().Equal(tv.Type()) {
		return false
	}
	attrs[name] = tv
	if err := tftypes.ValidateValue(resp.Plan.Raw.Type(), attrs); err != nil {
		return false
	}
	resp.Plan.Raw = tftypes.NewValue(resp.Plan.Raw.Type(), attrs)
	return true
}

// mergedTagsDetail explains a merged tag set over the service's limit
// (reference 4.1.1.1 and 4.1.2.1: "最多填写20个"; the provider sends tags and
// default_tags together).
func mergedTagsDetail(own, defaults, merged int) string {
	return fmt.Sprintf("The resource would carry %d tags: %d from tags merged with %d from the provider's "+
		"default_tags (keys in both count once). The service allows at most %d tags on a resource. Remove tags "+
		"from tags or from default_tags.tags.", merged, own, defaults, apispec.MaxTags)
}

// planTagsAll computes the planned tags_all from the planned tags.
func planTagsAll(ctx context.Context, defaultTags map[string]string, tags types.Map) (types.Map, diag.Diagnostics) {
	if tags.IsUnknown() {
		return types.MapUnknown(types.StringType), nil
	}
	for _, v := range tags.Elements() {
		if v.IsUnknown() {
			return types.MapUnknown(types.StringType), nil
		}
	}
	m, d := mapFromTypes(ctx, tags)
	if d.HasError() {
		return types.MapNull(types.StringType), d
	}
	return planTagsAllFrom(defaultTags, m, true), nil
}

// planTagsAllFrom is the planned tags_all for planned tags read as a Go map:
// unknown while the tags are not known, else tags merged over defaultTags.
func planTagsAllFrom(defaultTags, tags map[string]string, known bool) types.Map {
	if !known {
		return types.MapUnknown(types.StringType)
	}
	return stringMapValue(mergeTags(defaultTags, tags))
}

// updateTags brings the service's tags of one resource from oldAll to newAll.
// It deletes removed keys, then creates added or changed ones (a create
// overwrites the value of an existing key), in batches of at most 20, and
// makes no call when nothing changed.
func updateTags(ctx context.Context, c *client.Client, resourceType, id string, oldAll, newAll map[string]string) error {
	removed, upserted := diffTags(oldAll, newAll)
	// After a lost answer, the tags read back say whether the call took effect.
	readBack := func(check func(map[string]string) bool) func(ctx context.Context) (bool, error) {
		return func(ctx context.Context) (bool, error) {
			tags, err := c.GetResourceTags(ctx, resourceType, id)
			if err != nil {
				return false, err
			}
			have := make(map[string]string, len(tags))
			for _, t := range tags {
				have[t.Key] = t.Value
			}
			return check(have), nil
		}
	}
	for _, batch := range tagBatches(removed) {
		err := writeVerified(ctx, "delete tags of "+resourceType+" "+id, func(ctx context.Context) error {
			return c.DeleteResourceTags(ctx, resourceType, id, batch)
		}, readBack(func(have map[string]string) bool {
			for _, t := range batch {
				if _, ok := have[t.Key]; ok {
					return false
				}
			}
			return true
		}))
		if err != nil {
			return fmt.Errorf("deleting tags of %s %s: %w", resourceType, id, err)
		}
	}
	for _, batch := range tagBatches(upserted) {
		err := writeVerified(ctx, "create tags of "+resourceType+" "+id, func(ctx context.Context) error {
			return c.CreateResourceTags(ctx, resourceType, id, batch)
		}, readBack(func(have map[string]string) bool {
			for _, t := range batch {
				if v, ok := have[t.Key]; !ok || v != t.Value {
					return false
				}
			}
			return true
		}))
		if err != nil {
			return fmt.Errorf("creating tags of %s %s: %w", resourceType, id, err)
		}
	}
	return nil
}

// diffTags returns the tags to delete (keys of oldAll missing from newAll,
// with their old values) and to create (keys added or whose value changed),
// both sorted by key.
func diffTags(oldAll, newAll map[string]string) (removed, upserted []client.Tag) {
	for k, v := range oldAll {
		if _, ok := newAll[k]; !ok {
			removed = append(removed, client.Tag{Key: k, Value: v})
		}
	}
	for k, v := range newAll {
		if ov, ok := oldAll[k]; !ok || ov != v {
			upserted = append(upserted, client.Tag{Key: k, Value: v})
		}
	}
	sortTags(removed)
	sortTags(upserted)
	return removed, upserted
}

// tagBatches splits tags into request-sized batches.
func tagBatches(tags []client.Tag) [][]client.Tag {
	var out [][]client.Tag
	for len(tags) > 0 {
		n := min(len(tags), tagBatchSize)
		out = append(out, tags[:n])
		tags = tags[n:]
	}
	return out
}

func sortTags(tags []client.Tag) {
	sort.Slice(tags, func(i, j int) bool { return tags[i].Key < tags[j].Key })
}

// tagsToMap converts the service's tag list to a map.
func tagsToMap(tags []client.Tag) map[string]string {
	out := make(map[string]string, len(tags))
	for _, t := range tags {
		out[t.Key] = t.Value
	}
	return out
}

// tagsFromMap converts a map to the service's tag list, sorted by key (nil for an empty map).
func tagsFromMap(m map[string]string) []client.Tag {
	if len(m) == 0 {
		return nil
	}
	out := make([]client.Tag, 0, len(m))
	for k, v := range m {
		out = append(out, client.Tag{Key: k, Value: v})
	}
	sortTags(out)
	return out
}

// splitTags turns the service's tags of a resource into the `tags` and
// `tags_all` values to store. `tags` keeps every key the prior `tags` had
// (what the user configured), drops the keys that the prior `tags_all` had
// without the prior `tags` (default tags Terraform applied, whatever the
// provider's default_tags say now), and keeps every other key except default
// tags that still carry their default value; so after an import, or a tag
// added outside Terraform, the extra tags show in `tags` and the next plan
// removes them unless configured, while a change of default_tags never shows
// its old keys as resource tags. A null prior `tags` stays null when nothing
// is left.
func splitTags(all map[string]string, priorTags, priorTagsAll types.Map, defaultTags map[string]string) (tags, tagsAll types.Map) {
	prior := map[string]bool{}
	for k := range priorTags.Elements() {
		prior[k] = true
	}
	priorDefault := map[string]bool{}
	for k := range priorTagsAll.Elements() {
		if !prior[k] {
			priorDefault[k] = true
		}
	}
	own := map[string]string{}
	for k, v := range all {
		if prior[k] {
			own[k] = v
			continue
		}
		if priorDefault[k] {
			continue
		}
		if dv, ok := defaultTags[k]; ok && dv == v {
			continue
		}
		own[k] = v
	}
	tagsAll = stringMapValue(all)
	if len(own) == 0 && !known(priorTags) {
		return types.MapNull(types.StringType), tagsAll
	}
	return stringMapValue(own), tagsAll
}
