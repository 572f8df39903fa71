using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Formats;
using KpiGrpc.Cli.Import;
using KpiGrpc.Cli.Formats.Vicidial;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Formats;

public sealed class VicidialLogTests
{
    private static readonly string LogCsv = SampleFiles.Path("vicidial", "vicidial_log.csv");

    private static Dictionary<string, RecordLine<CallRecord>> ReadCalls(string path, string? statusMap = null) =>
        SampleFiles.ReadAll(InputFiles.OpenCalls(path, SampleFiles.Options("vicidial", statusMap)))
            .ToDictionary(l => l.Record?.CallId ?? $"line {l.LineNumber}");

    [Fact]
    public void OpenCalls_SampleLog_MapsStatusesThroughTheShippedMap()
    {
        // Act
        var calls = ReadCalls(LogCsv);

        // Assert: SALE, NA, NI, DNC, DC rows with their flags' outcomes; talk only where a person talked
        var sale = calls["1774685700.101"].Record!;
        Assert.Equal((CallOutcome.Appointment, 240d, "1001", "TEAM_A", "SOLAR", "1001"), (sale.Outcome, sale.TalkSeconds, sale.OperatorId, sale.TeamId, sale.CampaignId, sale.LeadId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1774685700), sale.StartedAt.ToDateTimeOffset());
        var noAnswer = calls["1774686060.102"].Record!;
        Assert.Equal((CallOutcome.NoAnswer, 0d, "VDAD"), (noAnswer.Outcome, noAnswer.TalkSeconds, noAnswer.OperatorId));
        Assert.Equal((CallOutcome.Pitched, 195d), (calls["1774686600.103"].Record!.Outcome, calls["1774686600.103"].Record!.TalkSeconds));
        var dnc = calls["1774687200.104"].Record!;
        Assert.Equal((CallOutcome.Rejected, true, 12d), (dnc.Outcome, dnc.RemovalRequested, dnc.TalkSeconds));
        Assert.Equal((CallOutcome.InvalidNumber, 0d), (calls["1774687500.109"].Record!.Outcome, calls["1774687500.109"].Record!.TalkSeconds));
    }

    [Fact]
    public void OpenCalls_EmptyUserGroup_ReadsAsNoTeam()
    {
        // Act
        var calls = ReadCalls(LogCsv);

        // Assert
        Assert.Equal("", calls["1774686060.102"].Record!.TeamId);
    }

    [Fact]
    public void OpenCalls_CallDateWithoutEpochAcrossDstChange_UsesEachLocalTimesOwnOffset()
    {
        // Act: Paris moves from +01:00 to +02:00 at 02:00 on 29 March 2026
        var calls = ReadCalls(LogCsv);

        // Assert: 01:30 is +01:00 (00:30Z), 03:30 is +02:00 (01:30Z): one hour apart, not two
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero), calls["1774747800.105"].Record!.StartedAt.ToDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), calls["1774751400.106"].Record!.StartedAt.ToDateTimeOffset());
    }

    [Fact]
    public void OpenCalls_CallDateInTheDstGap_IsReportedNotShifted()
    {
        // Act
        var lines = SampleFiles.ReadAll(InputFiles.OpenCalls(LogCsv, SampleFiles.Options("vicidial")));

        // Assert: 02:30 never happened in Paris on 29 March 2026
        var gap = Assert.Single(lines, l => l.LineNumber == 9);
        Assert.Null(gap.Record);
        Assert.Equal("call_date: '2026-03-29 02:30:00' does not exist in Europe/Paris (the clocks skipped it for daylight saving time); check --tz", gap.Error);
    }

    [Fact]
    public void OpenCalls_CallDateInTheDstOverlap_IsReportedWithBothInstants()
    {
        // Arrange: 02:30 happened twice in Paris on 25 October 2026
        var path = SampleFiles.TempFile("uniqueid,campaign_id,call_date,start_epoch,status,user\nu-1,SOLAR,2026-10-25 02:30:00,,B,1001\n");

        try
        {
            // Act
            var line = Assert.Single(SampleFiles.ReadAll(InputFiles.OpenCalls(path, SampleFiles.Options("vicidial"))));

            // Assert
            Assert.Equal("call_date: '2026-10-25 02:30:00' happened twice in Europe/Paris (daylight saving time ended): it is either 2026-10-25T02:30:00+01:00 or 2026-10-25T02:30:00+02:00", line.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OpenCalls_UnknownStatus_IsReportedWithTheMapToEditNeverGuessed()
    {
        // Act
        var lines = SampleFiles.ReadAll(InputFiles.OpenCalls(LogCsv, SampleFiles.Options("vicidial")));

        // Assert
        var unknown = Assert.Single(lines, l => l.LineNumber == 7);
        Assert.Null(unknown.Record);
        Assert.Equal($"status: unknown VICIdial status 'XYZ' (campaign SOLAR): add it to the status map ({VicidialStatusMap.DefaultPath})", unknown.Error);
        Assert.Contains("XYZ", unknown.Raw);
        Assert.Equal(7, lines.Count(l => l.IsValid));
    }

    [Fact]
    public void OpenCalls_TsvExportWithQuotes_ReadsTheSameRecordsAsTheCsv()
    {
        // Act
        var csv = SampleFiles.ReadAll(InputFiles.OpenCalls(LogCsv, SampleFiles.Options("vicidial")));
        var tsv = SampleFiles.ReadAll(InputFiles.OpenCalls(SampleFiles.Path("vicidial", "vicidial_log.tsv"), SampleFiles.Options("vicidial")));

        // Assert
        Assert.Equal(9, tsv.Count);
        Assert.Equal(csv.Select(l => (l.LineNumber, l.Record, l.Error)), tsv.Select(l => (l.LineNumber, l.Record, l.Error)));
    }

    [Fact]
    public void OpenCalls_UserStatusMap_AddsCampaignStatusesAndOverridesTheShippedOnes()
    {
        // Arrange: XYZ is a SOLAR-only status; NA is overridden for every campaign
        var map = SampleFiles.TempFile("""
            status,outcome,removal_requested,sale,campaign_id,comment
            XYZ,pitched,false,false,SOLAR,custom: quote sent
            NA,busy,,,,our carrier reports busy as NA
            """);

        try
        {
            // Act
            var calls = ReadCalls(LogCsv, map);

            // Assert
            Assert.Equal(CallOutcome.Pitched, calls["1774688400.108"].Record!.Outcome);
            Assert.Equal(60, calls["1774688400.108"].Record!.TalkSeconds);
            Assert.Equal(CallOutcome.Busy, calls["1774686060.102"].Record!.Outcome);
            Assert.Equal(CallOutcome.Appointment, calls["1774685700.101"].Record!.Outcome);
        }
        finally
        {
            File.Delete(map);
        }
    }

    [Fact]
    public void OpenCalls_CampaignStatusOfAnotherCampaign_IsStillUnknown()
    {
        // Arrange
        var map = SampleFiles.TempFile("status,outcome,campaign_id\nXYZ,pitched,OTHER\n");

        try
        {
            // Act
            var line = SampleFiles.ReadAll(InputFiles.OpenCalls(LogCsv, SampleFiles.Options("vicidial", map))).Single(l => l.LineNumber == 7);

            // Assert
            Assert.StartsWith("status: unknown VICIdial status 'XYZ' (campaign SOLAR): add it to the status map (" + map, line.Error);
        }
        finally
        {
            File.Delete(map);
        }
    }

    [Theory]
    [InlineData("status,outcome,sale\nWIN,pitched,true\n", "line 2: sale: a sale status must have outcome appointment")]
    [InlineData("status,outcome,removal_requested\nRM,busy,true\n", "line 2: removal_requested: only a status where a person answered")]
    [InlineData("status,outcome\nQQ,sold\n", "line 2: outcome: 'sold' is not one of invalid_number")]
    [InlineData("status,outcome\nQQ,none\n", "line 2: comment: outcome 'none' needs a comment")]
    [InlineData("code,outcome\nQQ,busy\n", "missing required column status")]
    public void OpenCalls_BadStatusMap_FailsBeforeReadingAnyCall(string mapText, string expected)
    {
        // Arrange
        var map = SampleFiles.TempFile(mapText);

        try
        {
            // Act
            var error = Assert.Throws<CsvSchemaException>(() => InputFiles.OpenCalls(LogCsv, SampleFiles.Options("vicidial", map)));

            // Assert
            Assert.Contains(expected, error.Message);
        }
        finally
        {
            File.Delete(map);
        }
    }

    [Fact]
    public void OpenCalls_StatusThatIsNotACall_IsReportedWithTheMapsReason()
    {
        // Arrange
        var path = SampleFiles.TempFile("uniqueid,campaign_id,call_date,status,user\nu-1,SOLAR,2026-03-28 10:00:00,INCALL,1001\n");

        try
        {
            // Act
            var line = Assert.Single(SampleFiles.ReadAll(InputFiles.OpenCalls(path, SampleFiles.Options("vicidial"))));

            // Assert
            Assert.StartsWith("status: 'INCALL' is not a finished call: Lead Being Called (all flags N): the call was still up", line.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OpenCalls_MissingStatusColumn_ThrowsNamingIt()
    {
        // Arrange
        var path = SampleFiles.TempFile("uniqueid,campaign_id,call_date,user\nu-1,SOLAR,2026-03-28 10:00:00,1001\n");

        try
        {
            // Act
            var error = Assert.Throws<CsvSchemaException>(() => InputFiles.OpenCalls(path, SampleFiles.Options("vicidial")));

            // Assert
            Assert.Contains("missing required column status", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OpenResults_VicidialLog_GivesOneSaleForEachSaleRowReportedAtTheEndOfTheCall()
    {
        // Act
        var results = SampleFiles.ReadAll(InputFiles.OpenResults(LogCsv, SampleFiles.Options("vicidial")));

        // Assert: only the SALE row; the unknown status and the DST-gap rows are left to the calls pass
        var sale = Assert.Single(results);
        Assert.Equal(2, sale.LineNumber);
        Assert.Equal("1774685700.101", sale.Record!.CallId);
        Assert.Equal(AppointmentResultKind.Sale, sale.Record.Result);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1774685940), sale.Record.ReportedAt.ToDateTimeOffset());
        Assert.True(InputFiles.ResultsComeWithCalls("vicidial"));
        Assert.False(InputFiles.ResultsComeWithCalls("csv"));
    }

    [Fact]
    public void OpenCalls_GzipLog_ReadsTheSameRecordsAndProgressEndsAtTheCompressedLength()
    {
        // Arrange
        var gz = SampleFiles.GzipCopy(LogCsv);

        try
        {
            // Act
            using var file = InputFiles.OpenCalls(gz, SampleFiles.Options("vicidial"));
            var lines = file.ReadLines().ToList();

            // Assert
            var plain = SampleFiles.ReadAll(InputFiles.OpenCalls(LogCsv, SampleFiles.Options("vicidial")));
            Assert.Equal(plain.Select(l => l.Record), lines.Select(l => l.Record));
            Assert.Equal(new FileInfo(gz).Length, file.Length);
            Assert.Equal(file.Length, file.BytesRead);
        }
        finally
        {
            File.Delete(gz);
        }
    }

    [Fact]
    public void ShippedStatusMap_EveryDefaultVicidialStatus_HasAnEntryWithAReason()
    {
        // Arrange: VICIdial's default system statuses (extras/MySQL_AST_CREATE_tables.sql)
        string[] defaults =
        [
            "NEW", "QUEUE", "INCALL", "DROP", "XDROP", "NA", "CALLBK", "CBHOLD", "A", "AA", "AM", "AL", "AFAX", "AB", "B", "DC", "ADC",
            "DEC", "DNC", "DNCL", "DNCC", "SALE", "N", "NI", "NP", "PU", "PM", "XFER", "ERI", "SVYEXT", "SVYVM", "SVYHU", "SVYREC",
            "QVMAIL", "RQXFER", "TIMEOT", "AFTHRS", "NANQUE", "PDROP", "IVRXFR", "SVYCLM", "MLINAT", "MAXCAL", "LRERR", "QCFAIL", "ADCT", "LSMERG",
        ];

        // Act
        var map = VicidialStatusMap.Load(null);

        // Assert
        Assert.All(defaults, code => Assert.False(string.IsNullOrEmpty(map.Find("ANY", code)?.Comment), code));
    }
}
