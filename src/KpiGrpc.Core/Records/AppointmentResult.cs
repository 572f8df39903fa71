namespace KpiGrpc.Core.Records;

/// <summary>What became of an appointment.</summary>
public enum AppointmentResultKind
{
    Sale = 1,
    NoSale = 2,
    Cancelled = 3,
}

/// <summary>A CRM's report on the appointment booked by <see cref="CallId"/>; the latest report wins.</summary>
public sealed record AppointmentResult(string CallId, AppointmentResultKind Result, DateTimeOffset ReportedAt)
{
    public bool IsSale => Result == AppointmentResultKind.Sale;
}
