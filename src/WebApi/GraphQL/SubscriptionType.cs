using CleanAssistant.Application.Common.Interfaces;
using CleanAssistant.Application.Common.Security;
using CleanAssistant.Domain.Conversations;
using CleanAssistant.WebApi.GraphQL.Common;
using CleanAssistant.WebApi.GraphQL.Conversations;
using CleanAssistant.WebApi.GraphQL.Live;
using GraphQL;
using GraphQL.Types;

namespace CleanAssistant.WebApi.GraphQL;

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        Description = "What you can watch live, over WebSocket (graphql-transport-ws). Every field needs a signed-in user and only ever shows that user's data.";

        Field<NonNullGraphType<CalendarChangeType>>("calendarChanged")
            .Description("Events created, changed or deleted in your calendars, from now on.")
            .RequireScope(ApiScopes.CalendarRead)
            .ResolveStream(c => LiveStream.Watch<CalendarChanged>(c))
            .Resolve(c => c.Source);

        Field<NonNullGraphType<ConversationTurnAddedType>>("conversationUpdated")
            .Description("Turns of your conversations with the assistant as they are said, from now on.")
            .RequireScope(ApiScopes.Assistant)
            .Argument<IdGraphType>("conversationId", "Only this conversation; default: all of yours.")
            .ResolveStream(c =>
            {
                var only = c.GetArgument<string?>("conversationId") is { } id ? ConversationType.Decode(id, "conversationId") : (ConversationId?)null;
                return LiveStream.Watch<ConversationUpdated>(c, e => only is null || e.ConversationId == only);
            })
            .Resolve(c => c.Source);

        Field<NonNullGraphType<ReminderDueType>>("reminderDue")
            .Description("Your reminders as they come due, from now on.")
            .RequireScope(ApiScopes.CalendarRead)
            .ResolveStream(c => LiveStream.Watch<ReminderDue>(c))
            .Resolve(c => c.Source);

        Field<NonNullGraphType<VoiceSessionUpdateType>>("voiceSession")
            .Description("A live voice session of yours as it happens: speech started, partial and final transcripts, the command's result.")
            .RequireScope(ApiScopes.Assistant)
            .Argument<NonNullGraphType<IdGraphType>>("id", "The session id from the stream's `ready` message.")
            .ResolveStream(c =>
            {
                var id = Guid.TryParse(c.GetArgument<string>("id"), out var parsed) ? parsed : throw new global::GraphQL.ExecutionError("Not a voice session id.") { Code = "VALIDATION" };
                return LiveStream.Watch<VoiceSessionUpdated>(c, u => u.SessionId == id);
            })
            .Resolve(c => c.Source);
    }
}
