using System.Net;
using System.Text.Json;
using CleanAssistant.Application.Interpretation;
using CleanAssistant.Infrastructure.Interpretation;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Polly;

namespace CleanAssistant.Infrastructure.Tests.Interpretation;

/// <summary>Tool arguments to interpretations without a server: each intent's slots, and the retry rule for rate limits.</summary>
public sealed class ToolCallReaderTests
{
    private static readonly PromptTemplate Prompt = PromptTemplate.Load("interpret.v1");

    private static readonly Offset Est = Offset.FromHours(-5);

    [Fact]
    public void CreateEvent_WithARecurringPhrase_TakesTheRuleAndFirstOccurrenceFromTheResolver()
    {
        var answer = Read("create_event", """{"title":"Standup","when":"every tuesday at 9","except_dates":["2026-11-24"],"reminder_minutes_before":10}""");

        answer.Intent.ShouldBe(Intent.CreateEvent);
        answer.Start.ShouldBe(new OffsetDateTime(new LocalDateTime(2026, 11, 3, 9, 0), Est));
        answer.Recurrence.ShouldNotBeNull().ShouldContain("FREQ=WEEKLY");
        answer.Recurrence.ShouldContain("BYDAY=TU");
        answer.ExceptDates.ShouldBe([new LocalDate(2026, 11, 24)]);
        answer.ReminderMinutesBefore.ShouldBe(10);
        answer.Interpreter.ShouldBe("test");
    }

    [Fact]
    public void CreateEvent_OnADateWithoutATime_IsAllDay()
    {
        var answer = Read("create_event", """{"title":"Conference","when":"on december 3rd"}""");

        answer.AllDay.ShouldBe(true);
        answer.Start.ShouldBe(new OffsetDateTime(new LocalDateTime(2026, 12, 3, 0, 0), Est));
    }

    [Fact]
    public void CreateEvent_FromIsoValues_WhenNoWordsAreGiven_KeepsTheirOffsetsInTheZone()
    {
        var answer = Read("create_event", """{"title":"Call","start":"2026-11-02T14:00:00","end":"2026-11-02T19:30:00Z"}""");

        answer.Start.ShouldBe(new OffsetDateTime(new LocalDateTime(2026, 11, 2, 14, 0), Est));
        answer.End.ShouldBe(new OffsetDateTime(new LocalDateTime(2026, 11, 2, 14, 30), Est));
    }

    [Fact]
    public void RescheduleEvent_ReadsTheTargetAndTheNewTime()
    {
        var answer = Read("reschedule_event", """{"target_title":"dentist","target_date":"2026-11-03","new_when":"thursday at 4","duration_minutes":30}""");

        answer.Intent.ShouldBe(Intent.RescheduleEvent);
        answer.Target.ShouldBe(new EventReference("dentist", null, new LocalDate(2026, 11, 3)));
        answer.NewStart.ShouldBe(new OffsetDateTime(new LocalDateTime(2026, 11, 5, 16, 0), Est));
        answer.DurationMinutes.ShouldBe(30);
    }

    [Fact]
    public void FindFreeTime_NextWeek_IsTheIsoWeekAfterThisOne()
    {
        var answer = Read("find_free_time", """{"when":"next week","duration_minutes":60,"attendees":["Alice","Bob"]}""");

        answer.Intent.ShouldBe(Intent.FindFreeTime);
        answer.RangeStart.ShouldBe(new OffsetDateTime(new LocalDateTime(2026, 11, 2, 0, 0), Est));
        answer.RangeEnd.ShouldBe(new OffsetDateTime(new LocalDateTime(2026, 11, 9, 0, 0), Est));
        answer.DurationMinutes.ShouldBe(60);
        answer.Attendees.ShouldBe(["Alice", "Bob"]);
    }

    [Fact]
    public void SummarizeMeeting_WithoutATarget_LeavesTheTargetOut()
    {
        var answer = Read("summarize_meeting", """{"confidence":0.4}""");

        answer.Intent.ShouldBe(Intent.SummarizeMeeting);
        answer.Target.ShouldBeNull();
        answer.Confidence.ShouldBe(0.4);
    }

    [Fact]
    public void ExceptDates_ThatAreNotDates_AreAnInvalidCall() =>
        Should.Throw<InvalidToolCallException>(() => Read("create_event", """{"title":"x","except_dates":["the 14th"]}"""));

    [Theory]
    [InlineData(5, 30, true)]
    [InlineData(45, 30, false)]
    public void RateLimit_IsRetried_OnlyWhenRetryAfterEndsBeforeTheDeadline(int retryAfterSeconds, int secondsLeft, bool retried)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new(time.GetUtcNow().AddSeconds(retryAfterSeconds));
        LlmDeadline.Set(time.GetUtcNow().AddSeconds(secondsLeft));
        try
        {
            InterpretationServices.ShouldRetry(Outcome.FromResult(response), time).ShouldBe(retried);
        }
        finally
        {
            LlmDeadline.Clear();
        }
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    public void ServerErrors_AreRetried_ClientErrorsAreNot(HttpStatusCode status, bool retried)
    {
        using var response = new HttpResponseMessage(status);
        InterpretationServices.ShouldRetry(Outcome.FromResult(response), TimeProvider.System).ShouldBe(retried);
    }

    private static Application.Interpretation.Interpretation Read(string tool, string arguments) =>
        ToolCallReader.Read(Prompt, tool, JsonDocument.Parse(arguments).RootElement, InterpreterHarness.Request("(not read)"), "test");
}
