import ContentStore
import Testing

@Test("the empty digest is the sha256 of no bytes")
func emptyDigest() {
    #expect(ContentDigest.empty.size == 0)
    #expect(ContentDigest.empty.sha256.count == 64)
}
