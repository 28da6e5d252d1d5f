package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"maps"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSealRebuiltFromJSON rebuilds the whole-record seal from the
// record's JSON alone, following SealAlgorithm's documentation and none of
// the package's code: the parts, their encoding, leaf hashes and marks,
// the change leaves, the RFC 6962 tree (computed here by its definition,
// not by the library the package uses) and the heads' checkpoint texts.
// A third party can verify a record the same way.
func TestSealRebuiltFromJSON(t *testing.T) {
	a := auditIn(t, StateReported)
	require.NoError(t, a.SealRecord(byLead(stageAt[StateReported].Add(time.Hour))))
	require.NoError(t, a.Distribute(fixtureRecipients(), byLead(stageAt[StateDistributed])))
	require.NoError(t, a.SealRecord(byLead(stageAt[StateDistributed].Add(time.Hour))))
	data, err := json.Marshal(a)
	require.NoError(t, err)

	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	require.NoError(t, dec.Decode(&doc))
	seal := doc["seal"].(map[string]any)
	require.Equal(t, "audit", doc["documentKind"])
	// The seal and the document's envelope are not parts of the record.
	delete(doc, "seal")
	delete(doc, "documentKind")
	delete(doc, "formatVersion")
	require.Equal(t, "sha256-record-tree-v3", seal["algorithm"])

	// The parts of the record as it is now.
	now := map[string][]byte{} // path -> encoding of the value
	root := map[string]any{}
	for name, v := range doc {
		switch v := v.(type) {
		case []any:
			for i, e := range v {
				now[name+"["+strconv.Itoa(i)+"]"] = rebuildEnc(e, true)
			}
		case map[string]any:
			now[name] = rebuildEnc(v, false)
		default:
			root[name] = v
		}
	}
	now[""] = rebuildEnc(root, false)

	// The leaves, from the seal's record of parts and changes.
	var leaves [][32]byte
	latest := map[string]map[string]any{} // path -> the part as last sealed or changed
	for _, p := range seal["parts"].([]any) {
		p := p.(map[string]any)
		leaves = append(leaves, unhex32(t, p["hash"].(string)))
		latest[str(p["path"])] = p
	}
	changes, _ := seal["changes"].([]any)
	leavesAfter := []int{len(leaves)} // leaves after each change
	for _, c := range changes {
		c := c.(map[string]any)
		header := map[string]any{"at": c["at"], "by": c["by"], "op": c["op"]}
		leaves = append(leaves, leafHash(append(rebuildStr("#change"), rebuildEnc(header, false)...)))
		for _, p := range c["parts"].([]any) {
			p := p.(map[string]any)
			leaves = append(leaves, unhex32(t, p["hash"].(string)))
			if p["removed"] == true {
				delete(latest, str(p["path"]))
			} else {
				latest[str(p["path"])] = p
			}
		}
		leavesAfter = append(leavesAfter, len(leaves))
	}

	// Every part of the record is as last recorded, with its marks.
	require.Len(t, now, len(latest), "the record's parts are the recorded ones")
	for path, enc := range now {
		p, ok := latest[path]
		require.True(t, ok, "part %q recorded", path)
		leaf := leafHash(append(rebuildStr(path), enc...))
		assert.Equal(t, hex.EncodeToString(leaf[:]), p["hash"], "the hash of %q", path)
		assert.Equal(t, rebuildMarks(enc), str(p["marks"]), "the marks of %q", path)
	}

	// Every head: its size, its root over that many leaves, its text and
	// its hash, naming the previous one.
	previous := "-"
	heads := seal["heads"].([]any)
	require.Len(t, heads, 2)
	for i, h := range heads {
		h := h.(map[string]any)
		n, _ := h["changes"].(json.Number).Int64()
		size, _ := h["size"].(json.Number).Int64()
		require.Equal(t, int64(leavesAfter[n]), size, "head %d covers the parts and its changes", i+1)
		rootHash := mth(leaves[:size])
		assert.Equal(t, hex.EncodeToString(rootHash[:]), h["root"])
		text := "ismsaudit seal sha256-record-tree-v3\n" +
			"audit " + strconv.Quote(doc["id"].(string)) + "\n" +
			"head " + strconv.Itoa(i+1) + "\n" +
			"size " + strconv.FormatInt(size, 10) + "\n" +
			"root " + base64.StdEncoding.EncodeToString(rootHash[:]) + "\n" +
			"previous " + previous + "\n" +
			"at " + h["at"].(string) + "\n" +
			"by " + strconv.Quote(h["by"].(string)) + "\n"
		sum := sha256.Sum256([]byte(text))
		assert.Equal(t, hex.EncodeToString(sum[:]), h["head"], "head %d is the hash of its text", i+1)
		note, ok := a.Note(i + 1)
		require.True(t, ok)
		assert.Equal(t, text+"\n", string(note), "the text SignSeal signs, as an unsigned note")
		previous = h["head"].(string)
	}
}

// rebuildEnc encodes a JSON value as SealAlgorithm says; an element of an
// array that carries nothing is 'z'.
func rebuildEnc(v any, element bool) []byte {
	var b []byte
	switch v := v.(type) {
	case string:
		if v != "" {
			b = append([]byte{'s'}, rebuildStr(v)...)
		}
	case json.Number:
		if v != "0" {
			b = append([]byte{'n'}, rebuildStr(string(v))...)
		}
	case bool:
		if v {
			b = []byte{'t'}
		}
	case []any:
		if len(v) > 0 {
			b = []byte{'a'}
			for _, e := range v {
				b = append(b, rebuildEnc(e, true)...)
			}
			b = append(b, 'e')
		}
	case map[string]any:
		b = []byte{'o'}
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if enc := rebuildEnc(v[k], false); len(enc) > 0 {
				b = append(append(append(b, 'k'), rebuildStr(k)...), enc...)
			}
		}
		b = append(b, 'e')
	}
	if element && len(b) == 0 {
		return []byte{'z'}
	}
	return b
}

// rebuildMarks computes the marks of an encoded object by reading the
// encoding back.
func rebuildMarks(enc []byte) string {
	if enc[0] != 'o' {
		return ""
	}
	var marks []string
	rest := enc[1:]
	for rest[0] == 'k' {
		n, k := binary.Uvarint(rest[1:])
		name := string(rest[1+k : 1+k+int(n)])
		end := 1 + k + int(n) + skipValue(rest[1+k+int(n):])
		crc := crc32.Checksum(rest[:end], crc32.MakeTable(crc32.Castagnoli))
		marks = append(marks, fmt.Sprintf("%s=%08x", name, crc))
		rest = rest[end:]
	}
	return strings.Join(marks, " ")
}

// skipValue returns the length of the encoded value b starts with.
func skipValue(b []byte) int {
	switch b[0] {
	case 's', 'n':
		n, k := binary.Uvarint(b[1:])
		return 1 + k + int(n)
	case 'a', 'o':
		i := 1
		for b[i] != 'e' {
			if b[0] == 'o' { // 'k' str(name) value
				n, k := binary.Uvarint(b[i+1:])
				i += 1 + k + int(n)
			}
			i += skipValue(b[i:])
		}
		return i + 1
	}
	return 1
}

func rebuildStr(s string) []byte { return append(binary.AppendUvarint(nil, uint64(len(s))), s...) }

func leafHash(data []byte) [32]byte { return sha256.Sum256(append([]byte{0}, data...)) }

// mth is RFC 6962's Merkle Tree Hash, by its definition.
func mth(leaves [][32]byte) [32]byte {
	switch len(leaves) {
	case 0:
		return sha256.Sum256(nil)
	case 1:
		return leaves[0]
	}
	k := 1 << (bits.Len(uint(len(leaves)-1)) - 1) // the largest power of two below n
	l, r := mth(leaves[:k]), mth(leaves[k:])
	return sha256.Sum256(slices.Concat([]byte{1}, l[:], r[:]))
}

func unhex32(t *testing.T, s string) [32]byte {
	t.Helper()
	var h [32]byte
	n, err := hex.Decode(h[:], []byte(s))
	require.NoError(t, err)
	require.Equal(t, 32, n)
	return h
}

func str(v any) string { s, _ := v.(string); return s }
