package programme

import "reflect"

// progCopy returns a copy of v that shares no slice, map or pointer
// target with it, so that changing one never changes the other. It works
// on any type made of structs, slices, arrays, maps and pointers, fields
// added later included; struct values with unexported fields (time.Time)
// are copied as values, their pointers (a *time.Location) shared, as they
// are immutable.
func progCopy[T any](v T) T {
	src := reflect.ValueOf(&v).Elem()
	dst := reflect.New(src.Type()).Elem()
	c := progCopier{deep: map[reflect.Type][]int{}}
	c.copy(dst, src)
	return dst.Interface().(T)
}

// progCopier remembers, per struct type, which exported fields hold
// something to copy deeply, for the length of one progCopy.
type progCopier struct {
	deep map[reflect.Type][]int // struct type -> exported fields needing a deep copy
}

// needsDeep reports whether values of t hold slices, maps, pointers or
// interfaces reachable through exported fields.
func (c *progCopier) needsDeep(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Slice, reflect.Map, reflect.Pointer, reflect.Interface:
		return true
	case reflect.Array:
		return c.needsDeep(t.Elem())
	case reflect.Struct:
		return len(c.deepFields(t)) > 0
	}
	return false
}

func (c *progCopier) deepFields(t reflect.Type) []int {
	if f, ok := c.deep[t]; ok {
		return f
	}
	c.deep[t] = nil // a recursive type through a pointer is deep anyway
	var fields []int
	for i := range t.NumField() {
		f := t.Field(i)
		if f.IsExported() && c.needsDeep(f.Type) {
			fields = append(fields, i)
		}
	}
	c.deep[t] = fields
	return fields
}

func (c *progCopier) copy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		if c.needsDeep(src.Type().Elem()) {
			for i := range src.Len() {
				c.copy(s.Index(i), src.Index(i))
			}
		} else {
			reflect.Copy(s, src)
		}
		dst.Set(s)
	case reflect.Array:
		dst.Set(src)
		if c.needsDeep(src.Type().Elem()) {
			for i := range src.Len() {
				c.copy(dst.Index(i), src.Index(i))
			}
		}
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			v := reflect.New(src.Type().Elem()).Elem()
			c.copy(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		c.copy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Struct:
		dst.Set(src) // every field, unexported ones included, by value
		for _, i := range c.deepFields(src.Type()) {
			c.copy(dst.Field(i), src.Field(i))
		}
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		v := reflect.New(src.Elem().Type()).Elem()
		c.copy(v, src.Elem())
		dst.Set(v)
	default:
		dst.Set(src)
	}
}
