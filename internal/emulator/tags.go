package emulator

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
)

// wireTag is the reference's VpnResourceTag / ResourceTag object.
type wireTag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	// valueSet records whether a request carried "value": VpnResourceTag
	// (the tags of create bodies) requires it, ResourceTag does not.
	valueSet bool
}

// UnmarshalJSON decodes a request's tag, noting whether it has a value.
func (t *wireTag) UnmarshalJSON(b []byte) error {
	var raw struct {
		Key   string  `json:"key"`
		Value *string `json:"value"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*t = wireTag{Key: raw.Key}
	if raw.Value != nil {
		t.Value, t.valueSet = *raw.Value, true
	}
	return nil
}

// checkTags validates the "tags" field of a create body (VpnResourceTag: key
// and value required) or a tags/create body.
// It returns "" when they are valid, else a message for r.invalid.
func checkTags(tags []wireTag) string {
	if len(tags) > apispec.MaxTags {
		return fmt.Sprintf("tags must have at most %d tags, got %d", apispec.MaxTags, len(tags))
	}
	seen := map[string]bool{}
	for i, t := range tags {
		if err := apispec.CheckTagKey(t.Key); err != nil {
			return fmt.Sprintf("tags[%d].key %v", i, err)
		}
		if !t.valueSet {
			return fmt.Sprintf("tags[%d].value is required", i)
		}
		if err := apispec.CheckTagValue(t.Value); err != nil {
			return fmt.Sprintf("tags[%d].value %v", i, err)
		}
		if seen[t.Key] {
			return fmt.Sprintf("tags has key %q twice", t.Key)
		}
		seen[t.Key] = true
	}
	return ""
}

// setTags replaces the tags of resource id. Called with e.mu held.
func (e *Emulator) setTags(id string, tags []wireTag) {
	if len(tags) == 0 {
		delete(e.st.Tags, id)
		return
	}
	m := make(map[string]string, len(tags))
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	e.st.Tags[id] = m
}

// tagList returns the tags of resource id sorted by key (nil when none). Called with e.mu held.
func (e *Emulator) tagList(id string) []wireTag {
	m := e.st.Tags[id]
	if len(m) == 0 {
		return nil
	}
	out := make([]wireTag, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, wireTag{Key: k, Value: m[k]})
	}
	return out
}

// deleteTags drops the tags of a deleted resource. Called with e.mu held.
func (e *Emulator) deleteTags(id string) { delete(e.st.Tags, id) }

// tagResource is one resource of a tag resource type, as the tag APIs see it.
type tagResource struct {
	ID   string
	Name string
}

// tagResources lists the resources of a tag resource type in id order. Names
// are read from each record's "name" JSON field, so the other family's record
// types need no particular Go field.
func (e *Emulator) tagResources(rt string) []tagResource {
	var recs map[string]any
	switch rt {
	case apispec.ResourceTypeGateway:
		recs = anyMap(e.st.Gateways)
	case apispec.ResourceTypeCustomerGateway:
		recs = anyMap(e.st.CustomerGateways)
	case apispec.ResourceTypeConnection:
		recs = anyMap(e.st.Connections)
	}
	out := make([]tagResource, 0, len(recs))
	for _, id := range slices.Sorted(maps.Keys(recs)) {
		out = append(out, tagResource{ID: id, Name: recordName(recs[id])})
	}
	return out
}

func anyMap[V any](m map[string]V) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// recordName reads the "name" field of a record through its JSON form.
func recordName(rec any) string {
	b, err := json.Marshal(rec)
	if err != nil {
		return ""
	}
	var v struct {
		Name string `json:"name"`
	}
	_ = json.Unmarshal(b, &v)
	return v.Name
}

func (e *Emulator) tagResourceExists(rt, id string) bool {
	switch rt {
	case apispec.ResourceTypeGateway:
		_, ok := e.st.Gateways[id]
		return ok
	case apispec.ResourceTypeCustomerGateway:
		_, ok := e.st.CustomerGateways[id]
		return ok
	case apispec.ResourceTypeConnection:
		_, ok := e.st.Connections[id]
		return ok
	}
	return false
}

// serviceType is the resource type named in not-found messages.
func serviceType(rt string) string {
	switch rt {
	case apispec.ResourceTypeGateway:
		return typeGateway
	case apispec.ResourceTypeCustomerGateway:
		return typeCustomerGateway
	}
	return typeConnection
}

// registerTags registers the tag endpoints for each of the three literal
// resource types (not a {resource_type} wildcard, which would conflict with
// the other collections' patterns).
func (e *Emulator) registerTags() {
	for _, rt := range apispec.ResourceTypes {
		base := "/v5/{project_id}/" + rt
		e.handle("POST "+base+"/resource-instances/filter", func(r *request) (int, any) { return e.tagFilter(r, rt, false) })
		e.handle("POST "+base+"/resource-instances/count", func(r *request) (int, any) { return e.tagFilter(r, rt, true) })
		e.handle("GET "+base+"/tags", func(r *request) (int, any) { return e.projectTags(rt) })
		e.handle("GET "+base+"/{resource_id}/tags", func(r *request) (int, any) { return e.resourceTags(r, rt) })
		e.handle("POST "+base+"/{resource_id}/tags/create", func(r *request) (int, any) { return e.tagsCreate(r, rt) })
		e.handle("POST "+base+"/{resource_id}/tags/delete", func(r *request) (int, any) { return e.tagsDelete(r, rt) })
	}
}

// tagsBody is the body of tags/create and tags/delete (value optional).
type tagsBody struct {
	Tags *[]struct {
		Key   *string `json:"key"`
		Value *string `json:"value"`
	} `json:"tags"`
}

// parseTagsBody decodes and validates a tags/create or tags/delete body.
func parseTagsBody(r *request, requireValue bool) ([]wireTag, []bool, string) {
	var b tagsBody
	if err := r.decode(&b); err != nil {
		return nil, nil, decodeMessage(err)
	}
	if b.Tags == nil {
		return nil, nil, "tags is required"
	}
	if len(*b.Tags) == 0 {
		return nil, nil, "tags must not be empty"
	}
	out := make([]wireTag, 0, len(*b.Tags))
	hasValue := make([]bool, 0, len(*b.Tags))
	for i, t := range *b.Tags {
		if t.Key == nil {
			return nil, nil, fmt.Sprintf("tags[%d].key is required", i)
		}
		if requireValue && t.Value == nil {
			return nil, nil, fmt.Sprintf("tags[%d].value is required", i)
		}
		w := wireTag{Key: *t.Key, valueSet: true} // ResourceTag: value optional, "" when absent
		if t.Value != nil {
			w.Value = *t.Value
		}
		out = append(out, w)
		hasValue = append(hasValue, t.Value != nil)
	}
	if msg := checkTags(out); msg != "" {
		return nil, nil, msg
	}
	return out, hasValue, ""
}

func (e *Emulator) tagsCreate(r *request, rt string) (int, any) {
	id := r.PathValue("resource_id")
	if !e.tagResourceExists(rt, id) {
		return r.notFound(serviceType(rt), id)
	}
	tags, _, msg := parseTagsBody(r, false)
	if msg != "" {
		return r.invalid("%s", msg)
	}
	merged := map[string]string{}
	for k, v := range e.st.Tags[id] {
		merged[k] = v
	}
	for _, t := range tags {
		merged[t.Key] = t.Value
	}
	if len(merged) > apispec.MaxTags {
		return r.invalid("tags: a resource may have at most %d tags, this would make %d", apispec.MaxTags, len(merged))
	}
	e.st.Tags[id] = merged
	e.changed()
	return http.StatusNoContent, nil
}

func (e *Emulator) tagsDelete(r *request, rt string) (int, any) {
	id := r.PathValue("resource_id")
	if !e.tagResourceExists(rt, id) {
		return r.notFound(serviceType(rt), id)
	}
	tags, hasValue, msg := parseTagsBody(r, false)
	if msg != "" {
		return r.invalid("%s", msg)
	}
	m := e.st.Tags[id]
	for i, t := range tags {
		if v, ok := m[t.Key]; ok && (!hasValue[i] || v == t.Value) {
			delete(m, t.Key)
		}
	}
	if len(m) == 0 {
		delete(e.st.Tags, id)
	}
	e.changed()
	return http.StatusNoContent, nil
}

func (e *Emulator) resourceTags(r *request, rt string) (int, any) {
	id := r.PathValue("resource_id")
	if !e.tagResourceExists(rt, id) {
		return r.notFound(serviceType(rt), id)
	}
	tags := e.tagList(id)
	if tags == nil {
		tags = []wireTag{}
	}
	return http.StatusOK, tagsAnswer[wireTag]{Tags: tags}
}

// The tag APIs answer without request_id (reference 表4-170, 4-177, 4-185,
// 4-188; the id is in the X-Request-Id header), so their bodies are structs,
// never maps (serveAPI adds request_id to maps).
type (
	tagsAnswer[T any] struct {
		Tags []T `json:"tags"`
	}
	countAnswer struct {
		TotalCount int `json:"total_count"`
	}
	filterAnswer struct {
		Resources  []filterResource `json:"resources"`
		TotalCount int              `json:"total_count"`
	}
)

// projectTag is the ListProjectTags item: a key with every value in use.
type projectTag struct {
	Key    string   `json:"key"`
	Values []string `json:"values"`
}

func (e *Emulator) projectTags(rt string) (int, any) {
	vals := map[string]map[string]bool{}
	for _, res := range e.tagResources(rt) {
		for k, v := range e.st.Tags[res.ID] {
			if vals[k] == nil {
				vals[k] = map[string]bool{}
			}
			vals[k][v] = true
		}
	}
	out := make([]projectTag, 0, len(vals))
	for _, k := range slices.Sorted(maps.Keys(vals)) {
		out = append(out, projectTag{Key: k, Values: slices.Sorted(maps.Keys(vals[k]))})
	}
	return http.StatusOK, tagsAnswer[projectTag]{Tags: out}
}

// filterBody is QueryResourcesRequestBody.
type filterBody struct {
	WithoutAnyTag *bool `json:"without_any_tag"`
	Tags          []struct {
		Key    *string   `json:"key"`
		Values *[]string `json:"values"`
	} `json:"tags"`
	Matches []struct {
		Key   *string `json:"key"`
		Value *string `json:"value"`
	} `json:"matches"`
}

// filterResource is the Resource object of the filter answer.
type filterResource struct {
	ResourceID     string         `json:"resource_id"`
	ResourceDetail map[string]any `json:"resource_detail"`
	Tags           []wireTag      `json:"tags"`
	ResourceName   string         `json:"resource_name"`
}

func (e *Emulator) tagFilter(r *request, rt string, count bool) (int, any) {
	limit, offset := apispec.FilterLimitDefault, 0
	q := r.URL.Query()
	if !count {
		if s := q.Get("limit"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < apispec.FilterLimitMin || n > apispec.FilterLimitMax {
				return r.invalid("limit must be an integer between %d and %d, got %q", apispec.FilterLimitMin, apispec.FilterLimitMax, s)
			}
			limit = n
		}
		if s := q.Get("offset"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return r.invalid("offset must be an integer of at least 0, got %q", s)
			}
			offset = n
		}
	}
	var b filterBody
	if len(r.Body) > 0 {
		if err := r.decode(&b); err != nil {
			return r.invalid("%s", decodeMessage(err))
		}
	}
	if len(b.Tags) > apispec.MaxTags {
		return r.invalid("tags must have at most %d entries, got %d", apispec.MaxTags, len(b.Tags))
	}
	var conds []tagCond
	for i, t := range b.Tags {
		if t.Key == nil {
			return r.invalid("tags[%d].key is required", i)
		}
		if n := len([]rune(*t.Key)); n < apispec.TagKeyMinLen || n > apispec.TagKeyMaxLen {
			return r.invalid("tags[%d].key must be %d-%d characters long, got %d", i, apispec.TagKeyMinLen, apispec.TagKeyMaxLen, n)
		}
		if t.Values == nil {
			return r.invalid("tags[%d].values is required", i)
		}
		if len(*t.Values) > apispec.MaxTagFilterValues {
			return r.invalid("tags[%d].values must have at most %d entries, got %d", i, apispec.MaxTagFilterValues, len(*t.Values))
		}
		for j, v := range *t.Values {
			if n := len([]rune(v)); n > apispec.TagValueMaxLen {
				return r.invalid("tags[%d].values[%d] must be at most %d characters long, got %d", i, j, apispec.TagValueMaxLen, n)
			}
		}
		conds = append(conds, tagCond{*t.Key, *t.Values})
	}
	var nameMatch []string
	for i, m := range b.Matches {
		if m.Key == nil || m.Value == nil {
			return r.invalid("matches[%d] needs key and value", i)
		}
		if *m.Key != apispec.MatchKeyResourceName {
			return r.invalid("matches[%d].key must be %s, got %q", i, apispec.MatchKeyResourceName, *m.Key)
		}
		if n := len([]rune(*m.Value)); n > apispec.TagValueMaxLen {
			return r.invalid("matches[%d].value must be at most %d characters long, got %d", i, apispec.TagValueMaxLen, n)
		}
		nameMatch = append(nameMatch, *m.Value)
	}
	without := b.WithoutAnyTag != nil && *b.WithoutAnyTag

	var hits []filterResource
	for _, res := range e.tagResources(rt) {
		tags := e.st.Tags[res.ID]
		if without {
			if len(tags) > 0 {
				continue
			}
		} else if !matchTags(tags, conds) {
			continue
		}
		ok := true
		for _, m := range nameMatch {
			if !strings.Contains(res.Name, m) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		tl := e.tagList(res.ID)
		if tl == nil {
			tl = []wireTag{}
		}
		hits = append(hits, filterResource{ResourceID: res.ID, ResourceDetail: nil, Tags: tl, ResourceName: res.Name})
	}
	total := len(hits)
	if count {
		return http.StatusOK, countAnswer{TotalCount: total}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].ResourceID < hits[j].ResourceID })
	page := []filterResource{}
	if offset < len(hits) {
		end := min(offset+limit, len(hits))
		page = hits[offset:end]
	}
	return http.StatusOK, filterAnswer{Resources: page, TotalCount: total}
}

// tagCond is one tag condition of a filter: the key, and the values of which one must match.
type tagCond struct {
	key    string
	values []string
}

// matchTags: every condition's key present, with one of its values (any value when none listed).
func matchTags(tags map[string]string, conds []tagCond) bool {
	for _, c := range conds {
		v, ok := tags[c.key]
		if !ok {
			return false
		}
		if len(c.values) == 0 {
			continue
		}
		found := false
		for _, want := range c.values {
			if want == v {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}
