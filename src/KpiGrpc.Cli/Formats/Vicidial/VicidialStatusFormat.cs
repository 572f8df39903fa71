using KpiGrpc.Cli.Csv;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Formats.Vicidial;

/// <summary>A line of a status map file: status,outcome,removal_requested,sale[,campaign_id][,comment].</summary>
internal sealed class VicidialStatusFormat : ICsvRecordFormat<VicidialStatus>
{
    /// <summary>The outcome word for a status that is not a finished dial attempt.</summary>
    public const string NotACall = "none";

    private const int Status = 0;
    private const int Outcome = 1;
    private const int RemovalRequested = 2;
    private const int Sale = 3;
    private const int CampaignId = 4;
    private const int Comment = 5;

    public static VicidialStatusFormat Instance { get; } = new();

    public string Kind => "VICIdial status map";

    public IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("status", Required: true),
        new("outcome", Required: true),
        new("removal_requested", Required: false),
        new("sale", Required: false),
        new("campaign_id", Required: false),
        new("comment", Required: false),
    ];

    public VicidialStatus Parse(CsvFields fields)
    {
        if (fields[Status].Length == 0)
        {
            throw new CsvFieldException(fields.NameOf(Status), "is required");
        }

        CallOutcome? outcome = fields[Outcome].Equals(NotACall, StringComparison.OrdinalIgnoreCase)
            ? null
            : CsvValues.OneOf(fields, Outcome, CallCsvFormat.Outcomes);
        var status = new VicidialStatus(
            fields[Status], outcome, CsvValues.Boolean(fields, RemovalRequested), CsvValues.Boolean(fields, Sale), fields[CampaignId], fields[Comment]);
        Validate(status);
        return status;
    }

    /// <summary>Rules the server would otherwise enforce one rejected call at a time.</summary>
    private static void Validate(VicidialStatus status)
    {
        if (status.Sale && status.Outcome != CallOutcome.Appointment)
        {
            throw new CsvFieldException("sale", "a sale status must have outcome appointment: sales count only on appointments");
        }

        if (status.RemovalRequested && status.Outcome is not (CallOutcome.Dropped or CallOutcome.Rejected or CallOutcome.Answered or CallOutcome.Pitched or CallOutcome.Appointment))
        {
            throw new CsvFieldException("removal_requested", "only a status where a person answered (dropped, rejected, answered, pitched, appointment) can request removal");
        }

        if (status.Outcome is null && status.Comment.Length == 0)
        {
            throw new CsvFieldException("comment", $"outcome '{NotACall}' needs a comment: it is the reason given for each line with this status");
        }
    }
}
