using KpiGrpc.Core.Computing;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Tests.Computing;

/// <summary>
/// The fingerprint a computation keeps stands for <see cref="CallContent{TSeries, TLead}"/>:
/// these tests fail when a field is added to the content and not to the fingerprint.
/// </summary>
public sealed class CallFingerprintTests
{
    private static readonly CallContent<int, long> Content = new(
        Series: 7, Lead: 0x5EED, StartedAtUtcTicks: 638_770_000_000_000_000, Outcome: CallOutcome.Pitched, TalkMilliseconds: 61_500, RemovalRequested: false);

    public static TheoryData<string> ContentFields() => [.. typeof(CallContent<int, long>).GetProperties().Select(property => property.Name)];

    [Theory]
    [MemberData(nameof(ContentFields))]
    public void Of_OneContentFieldChanged_ChangesTheFingerprint(string field)
    {
        var changed = WithOneFieldChanged(Content, field);

        Assert.NotEqual(Content, changed);
        Assert.NotEqual(CallFingerprint.Of(Content), CallFingerprint.Of(changed));
    }

    [Fact]
    public void Of_EqualContents_GiveEqualFingerprints()
    {
        var copy = Content with { };

        Assert.Equal(CallFingerprint.Of(Content), CallFingerprint.Of(copy));
    }

    [Fact]
    public void Of_OutcomeAndRemovalSwappedBits_StayApart()
    {
        // Outcome and removal share one hashed word: removal must not read as another outcome.
        var removal = Content with { Outcome = CallOutcome.Rejected, RemovalRequested = true };
        var plain = Content with { Outcome = CallOutcome.Rejected, RemovalRequested = false };

        Assert.NotEqual(CallFingerprint.Of(removal), CallFingerprint.Of(plain));
    }

    private static CallContent<int, long> WithOneFieldChanged(CallContent<int, long> content, string field)
    {
        var property = typeof(CallContent<int, long>).GetProperty(field)!;
        object boxed = content;
        property.SetValue(boxed, property.GetValue(boxed) switch
        {
            int value => value + 1,
            long value => value + 1,
            bool value => !value,
            CallOutcome value => value + 1,
            var other => throw new InvalidOperationException($"{field} is a {other?.GetType().Name}: teach this test to change it"),
        });
        return (CallContent<int, long>)boxed;
    }
}
