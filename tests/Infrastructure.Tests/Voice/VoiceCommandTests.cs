using System.Data.Common;
using System.Text;
using CleanAssistant.Application.Common.Exceptions;
using CleanAssistant.Application.Conversations;
using CleanAssistant.Application.Events.ListEvents;
using CleanAssistant.Application.Voice;
using CleanAssistant.Application.Voice.SubmitVoiceCommand;
using CleanAssistant.Application.Voice.TranscribeAudio;
using CleanAssistant.Application.Voice.VoiceHistory;
using CleanAssistant.Infrastructure.Persistence;
using CleanAssistant.Infrastructure.Tests.Support;
using CleanAssistant.Infrastructure.Voice;
using CleanAssistant.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CleanAssistant.Infrastructure.Tests.Voice;

/// <summary>
/// Spoken commands end to end through the real parts: espeak-ng speech in a compressed container, ffmpeg, voice
/// activity, the local PocketSphinx engine, the assistant, espeak-ng for the spoken reply, and the voice history
/// encrypted in the database. The clock stands at Friday 27 Nov 2026 10:00 in Berlin.
/// </summary>
public sealed class VoiceCommandTests(VoiceCommandTests.Recordings recordings) : IClassFixture<VoiceCommandTests.Recordings>
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ASpokenCommand_IsCarriedOut_AndItsReplyCanBeListenedTo(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        var result = await host.SendAsync(new SubmitVoiceCommandCommand(recordings.Dentist, "audio/ogg", ReplyAudio: SpeechAudioFormat.OggOpus), ann);

        result.Engine.ShouldBe("pocketsphinx");
        result.Transcript.ShouldContain("dentist");
        result.Reply.Outcome.ShouldBe(AssistantOutcome.Done, result.Reply.Reply);
        result.Reply.Event!.Title.ShouldStartWith("Dentist");
        (await host.SendAsync(new ListEventsQuery(Instant.FromUtc(2026, 11, 27, 0, 0), Instant.FromUtc(2026, 12, 5, 0, 0)), ann)).Items.ShouldHaveSingleItem();

        var reply = await host.SendAsync(new GetVoiceAudioQuery(result.Id, VoiceAudioKind.Reply), ann);
        reply.ContentType.ShouldBe("audio/ogg; codecs=opus");
        Encoding.ASCII.GetString(reply.Bytes, 0, 4).ShouldBe("OggS");
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new GetVoiceAudioQuery(result.Id, VoiceAudioKind.Recording), ann));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheVoiceHistory_IsEncryptedAtRest_OnlyItsOwnersToRead_AndErasedOnRequest(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider, [new("Voice:RawAudioRetentionDays", "1")]);
        var ann = await host.RegisterAsync();
        var bob = await host.RegisterAsync("bob@example.com");
        var result = await host.SendAsync(new SubmitVoiceCommandCommand(recordings.Dentist, "audio/ogg", ReplyAudio: SpeechAudioFormat.Wav), ann);

        var history = await host.SendAsync(new ListVoiceHistoryQuery(), ann);
        history.ShouldHaveSingleItem().Transcript.ShouldBe(result.Transcript);
        history[0].HasAudio.ShouldBeTrue();
        (await host.SendAsync(new GetVoiceAudioQuery(result.Id, VoiceAudioKind.Recording), ann)).Bytes.ShouldBe(recordings.Dentist);
        (await host.SendAsync(new ListVoiceHistoryQuery(), bob)).ShouldBeEmpty();
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new GetVoiceAudioQuery(result.Id, VoiceAudioKind.Reply), bob));

        // What the database holds is ciphertext: no word of the transcript, no byte run of the audio.
        var stored = await RawColumnsAsync(host);
        stored.ShouldNotBeEmpty();
        foreach (var column in stored)
        {
            Encoding.Latin1.GetString(column).ShouldNotContain("dentist", Case.Insensitive);
            column.AsSpan().IndexOf(recordings.Dentist.AsSpan(100, 64)).ShouldBe(-1);
        }

        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new DeleteVoiceHistoryCommand(result.Id), bob));
        (await host.SendAsync(new DeleteVoiceHistoryCommand(), ann)).ShouldBe(1);
        (await host.SendAsync(new ListVoiceHistoryQuery(), ann)).ShouldBeEmpty();
        (await RawColumnsAsync(host)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Retention_ErasesTheReplyAudioThenTheTranscript_AndKeepsNoRecordingByDefault(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();
        var result = await host.SendAsync(new SubmitVoiceCommandCommand(recordings.Dentist, "audio/ogg", ReplyAudio: SpeechAudioFormat.Wav), ann);
        (await host.SendAsync(new ListVoiceHistoryQuery(), ann)).Single().HasAudio.ShouldBeFalse();

        host.Clock.Advance(TimeSpan.FromHours(25));
        (await SweepAsync(host)).ShouldBe(1);
        await Should.ThrowAsync<NotFoundException>(() => host.SendAsync(new GetVoiceAudioQuery(result.Id, VoiceAudioKind.Reply), ann));
        (await host.SendAsync(new ListVoiceHistoryQuery(), ann)).ShouldHaveSingleItem();

        host.Clock.Advance(TimeSpan.FromDays(30));
        (await SweepAsync(host)).ShouldBe(1);
        (await host.SendAsync(new ListVoiceHistoryQuery(), ann)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Silence_IsNotActedOn_AndBrokenAudio_IsAClearError(DatabaseProvider provider)
    {
        await using var host = await UseCaseHost.StartAsync(provider);
        var ann = await host.RegisterAsync();

        var silent = await host.SendAsync(new SubmitVoiceCommandCommand(recordings.Silence, "audio/wav"), ann);
        silent.Transcript.ShouldBeEmpty();
        silent.Reply.Outcome.ShouldBe(AssistantOutcome.NotUnderstood);

        var broken = await Should.ThrowAsync<AudioException>(() => host.SendAsync(new SubmitVoiceCommandCommand(recordings.Dentist.AsMemory(0, 200), "audio/ogg"), ann));
        broken.Code.ShouldBe("AUDIO_INVALID");
        (await Should.ThrowAsync<AudioException>(() => host.SendAsync(new TranscribeAudioQuery("not audio at all"u8.ToArray()), ann))).Code.ShouldBe("AUDIO_UNSUPPORTED");
        (await Should.ThrowAsync<ValidationException>(() => host.SendAsync(new TranscribeAudioQuery(recordings.Dentist, Engine: "nope"), ann))).Failures.Single().Field.ShouldBe("engine");
        (await host.SendAsync(new ListVoiceHistoryQuery(), ann)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task WhatTheEngineIsUnsureOf_IsAskedAgain_NotActedOn()
    {
        // Word confidence: about 0.5 for nonsense forced into English words, about 0.9 for the clear command.
        await using var host = await UseCaseHost.StartAsync(DatabaseProvider.Sqlite, [new("Voice:MinimumConfidence", "0.7")]);
        var ann = await host.RegisterAsync();

        var unsure = await host.SendAsync(new SubmitVoiceCommandCommand(recordings.Nonsense, "audio/wav"), ann);
        unsure.Transcript.ShouldNotBeEmpty();
        unsure.Reply.Outcome.ShouldBe(AssistantOutcome.NotUnderstood);
        unsure.Reply.Reply.ShouldContain("Please say it again");
        unsure.Reply.Reply.ShouldContain(unsure.Transcript);

        var sure = await host.SendAsync(new SubmitVoiceCommandCommand(recordings.Dentist, "audio/ogg"), ann);
        sure.Reply.Outcome.ShouldBe(AssistantOutcome.Done, sure.Reply.Reply);
        (await host.SendAsync(new ListEventsQuery(Instant.FromUtc(2026, 11, 27, 0, 0), Instant.FromUtc(2026, 12, 5, 0, 0)), ann)).Items.ShouldHaveSingleItem();
    }

    private static async Task<int> SweepAsync(UseCaseHost host)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VoiceRetention>().SweepAsync(CancellationToken.None);
    }

    /// <summary>The transcript and audio columns as the database holds them.</summary>
    private static async Task<List<byte[]>> RawColumnsAsync(UseCaseHost host)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Transcript\", \"Audio\", \"ReplyAudio\" FROM voice_records";
        var columns = new List<byte[]>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < 3; i++)
            {
                if (!reader.IsDBNull(i))
                {
                    columns.Add((byte[])reader.GetValue(i));
                }
            }
        }

        return columns;
    }

    /// <summary>The recordings, made once: a spoken command as Ogg/Opus (as a browser would send it), made-up words and two seconds of silence.</summary>
    public sealed class Recordings : IDisposable
    {
        private readonly string _folder = AudioTools.NewFolder();

        public Recordings()
        {
            var wav = Path.Combine(_folder, "dentist.wav");
            AudioTools.Run(AudioTools.Espeak, "-v", "en-us", "-s", "150", "-w", wav, "add a dentist appointment on monday at ten");
            var ogg = Path.Combine(_folder, "dentist.ogg");
            AudioTools.Run(AudioTools.Ffmpeg, "-nostdin", "-loglevel", "error", "-i", wav, "-c:a", "libopus", "-b:a", "32k", ogg);
            Dentist = File.ReadAllBytes(ogg);
            var silence = Path.Combine(_folder, "silence.wav");
            AudioTools.Run(AudioTools.Sox, "-n", "-r", "16000", "-b", "16", "-c", "1", silence, "trim", "0", "2");
            Silence = File.ReadAllBytes(silence);
            var nonsense = Path.Combine(_folder, "nonsense.wav");
            AudioTools.Run(AudioTools.Espeak, "-v", "en-us", "-s", "150", "-w", nonsense, "blorf quandle mizzet frobnicate splorn");
            Nonsense = File.ReadAllBytes(nonsense);
        }

        public byte[] Dentist { get; }

        public byte[] Silence { get; }

        /// <summary>Made-up words: the engine forces them into English words it is unsure of.</summary>
        public byte[] Nonsense { get; }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
