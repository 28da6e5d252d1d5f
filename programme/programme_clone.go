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
	progCopyValue(dst, src)
	return dst.Interface().(T)
}

func progCopyValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			progCopyValue(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Array:
		for i := range src.Len() {
			progCopyValue(dst.Index(i), src.Index(i))
		}
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			v := reflect.New(src.Type().Elem()).Elem()
			progCopyValue(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		progCopyValue(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Struct:
		dst.Set(src) // every field, unexported ones included, by value
		t := src.Type()
		for i := range src.NumField() {
			if t.Field(i).IsExported() {
				progCopyValue(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		v := reflect.New(src.Elem().Type()).Elem()
		progCopyValue(v, src.Elem())
		dst.Set(v)
	default:
		dst.Set(src)
	}
}
