using System.Text;
using CleanAssistant.Application.Interpretation;

namespace CleanAssistant.Infrastructure.Voice.PocketSphinx;

/// <summary>
/// Generates spoken calendar commands, as words a recogniser hears: the offline interpreter's intents and cue
/// verbs, its time grammar said aloud (weekdays, months, ordinals, clock times and durations in words, ranges,
/// recurrences, zones) and common titles, people, places and errands. Templates use <c>(a|b|)</c> for a choice
/// (an empty choice is optional) and <c>{slot}</c> for a list or a nested template. The user's own phrases can
/// be put in the title, people and place slots.
/// </summary>
internal sealed class CommandCorpus
{
    private static readonly string[] Hours = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    private static readonly string[] Minutes =
        ["fifteen", "thirty", "forty five", "oh five", "ten", "twenty", "forty", "fifty", "twenty five", "thirty five", "fifty five", "forty five", "thirty", "fifteen"];

    private static readonly string[] Ordinals =
    [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
        "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty first", "twenty second",
        "twenty third", "twenty fourth", "twenty fifth", "twenty sixth", "twenty seventh", "twenty eighth", "twenty ninth", "thirtieth", "thirty first",
    ];

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly string[] Events =
    [
        "meeting", "call", "lunch", "dinner", "breakfast", "brunch", "coffee", "standup", "sync", "review", "check in", "one on one", "interview",
        "presentation", "demo", "workshop", "webinar", "conference", "offsite", "retro", "retrospective", "planning", "sprint planning", "kickoff",
        "catch up", "appointment", "dentist appointment", "doctor's appointment", "dentist", "doctor", "haircut", "yoga class", "yoga", "gym", "workout",
        "run", "swim", "tennis lesson", "piano lesson", "guitar lesson", "spanish lesson", "french lesson", "football practice", "soccer practice",
        "basketball game", "book club", "movie night", "date night", "birthday party", "party", "dinner party", "barbecue", "picnic", "concert",
        "recital", "school play", "parent teacher conference", "vet appointment", "physio", "therapy", "massage", "oil change", "flight", "trip",
        "vacation", "day off", "focus time", "lunch break", "happy hour", "drinks", "training", "onboarding", "all hands", "town hall",
        "board meeting", "budget review", "performance review", "code review", "design review", "product review", "quarterly review",
        "status update", "client call", "sales call", "phone call", "video call", "office hours", "study session", "exam", "class", "lecture",
        "seminar", "wedding", "baby shower", "anniversary dinner", "school run", "grocery shopping", "errands", "meditation", "walk", "hike",
        "bike ride", "game night", "rehearsal", "choir practice", "volunteering", "tutoring", "lesson", "meetup", "launch", "deadline",
        "sprint demo", "sprint review", "checkup", "eye exam", "blood test", "team lunch", "team dinner", "team meeting", "staff meeting",
        "strategy session", "brainstorm", "planning session", "handover", "pickup", "drop off", "party prep", "swimming lesson", "dance class",
    ];

    private static readonly string[] Qualifiers =
    [
        "team", "budget", "design", "product", "marketing", "sales", "engineering", "project", "client", "board", "quarterly", "weekly", "monthly",
        "annual", "daily", "planning", "strategy", "leadership", "finance", "legal", "customer", "vendor", "partner", "investor", "family",
        "staff", "security", "roadmap", "hiring", "launch", "research", "support", "kickoff", "morning", "new", "big", "final", "first",
    ];

    private static readonly string[] Names =
    [
        "alice", "bob", "carol", "david", "emma", "frank", "grace", "henry", "isabel", "jack", "kate", "liam", "maria", "nina", "oliver", "peter",
        "rachel", "sam", "sarah", "tom", "tony", "victor", "wendy", "zoe", "james", "john", "mary", "linda", "michael", "robert", "jennifer",
        "william", "elizabeth", "richard", "susan", "joseph", "jessica", "thomas", "karen", "charles", "nancy", "daniel", "lisa", "matthew",
        "betty", "anthony", "sandra", "mark", "ashley", "steven", "kimberly", "paul", "emily", "andrew", "donna", "joshua", "michelle", "kevin",
        "laura", "brian", "amy", "george", "anna", "edward", "ben", "chris", "dan", "eric", "jason", "ryan", "nick", "adam", "alex", "olivia",
        "sophia", "mia", "charlotte", "amelia", "harper", "ella", "lucy", "chloe", "noah", "lucas", "ethan", "mason", "logan", "leo", "max",
        "priya", "raj", "amit", "ravi", "anita", "sanjay", "deepak", "neha", "kenji", "yuki", "hiro", "akira", "mei", "li", "wei", "chen", "jun",
        "min", "omar", "ahmed", "fatima", "ali", "hassan", "layla", "yusuf", "carlos", "sofia", "diego", "lucia", "pablo", "miguel", "ana",
        "jose", "juan", "pierre", "claire", "hans", "greta", "lena", "jonas", "anders", "ingrid", "olga", "ivan", "dmitri", "kofi", "ama",
        "chidi", "ngozi", "tariq", "marcus", "hannah", "julia", "martin", "simon", "helen", "paula", "rosa", "jorge", "marco", "luca", "giulia",
    ];

    private static readonly string[] Relations =
    [
        "mom", "mum", "dad", "grandma", "grandpa", "my wife", "my husband", "my sister", "my brother", "my boss", "my manager", "the kids",
        "my parents", "my doctor", "the landlord", "my friend", "my team", "the client", "my partner", "my son", "my daughter", "the plumber",
    ];

    private static readonly string[] Places =
    [
        "the office", "the boardroom", "the conference room", "the blue room", "the main office", "downtown", "the cafe", "the library", "the gym",
        "the park", "home", "my place", "the school", "the hospital", "the clinic", "the airport", "the station", "the coffee shop",
        "the restaurant", "the hotel", "the city center", "zoom", "the lobby", "the cafeteria", "the community center", "the studio", "the pub",
        "the mall", "headquarters", "the lab", "the bank", "the big conference room", "the meeting room", "the kitchen", "the usual place",
        "room two", "room three oh one", "building five", "the second floor", "the town hall", "the church", "the stadium", "the pool",
    ];

    private static readonly string[] Tasks =
    [
        "call {person}", "email {person}", "text {person}", "pay the rent", "pay the bills", "send the invoice", "send the report", "buy milk",
        "buy groceries", "pick up the kids", "pick up the dry cleaning", "take my medicine", "take out the trash", "water the plants",
        "feed the cat", "walk the dog", "check the oven", "book flights", "renew my passport", "file taxes", "submit the expense report",
        "prepare the slides", "review the contract", "call the bank", "call the doctor", "book a table", "order pizza", "charge my phone",
        "back up my laptop", "stretch", "drink water", "leave for the airport", "check in for my flight", "practice guitar", "log my hours",
        "start dinner", "do the laundry", "clean the kitchen", "go to the gym", "go for a run", "call back {person}", "reply to {person}",
        "follow up with {person}", "prepare for the interview", "print the tickets", "buy a gift for {person}", "wish {person} happy birthday",
        "move the car", "lock the door", "change the batteries", "check on the dough", "finish the presentation", "book a haircut",
        "update the budget", "send the contract to {person}", "cancel the subscription", "pick up {person} from the station", "take a break",
        "stand up and stretch", "check my email", "sign the forms", "pay the phone bill", "call the plumber", "water the garden", "buy flowers",
    ];

    private static readonly string[] Zones =
        ["pacific", "eastern", "central", "mountain", "london time", "new york time", "paris time", "berlin time", "tokyo time", "pacific time", "eastern time", "u k time"];

    private static readonly string[] Chatter =
    [
        "tell me a joke", "what's the weather like {day}", "what's the weather {day}", "play some music", "play some jazz", "thank you", "thanks",
        "thanks that's all", "that's all", "hi how are you", "hello", "good morning", "set a timer for {dur}", "what time is it", "never mind",
        "stop", "yes", "no", "okay", "yes please", "no thanks", "what can you do", "help", "turn on the lights", "turn off the lights",
        "set the thermostat to {n} degrees", "what's the news", "how's the traffic", "what's the capital of {place}", "who won the game",
        "sounds good", "that's right", "not that one", "cancel that", "undo that", "go back", "repeat that", "say that again",
    ];

    private readonly Dictionary<string, string[]> _slots;
    private readonly Random _random;

    private CommandCorpus(int seed, IReadOnlyList<string>? userPhrases, double userShare)
    {
        _random = new Random(seed);
        var verbs = InterpreterVocabulary.CreateVerbs.Where(v => v is not ("new" or "hold" or "pencil" or "block" or "set" or "put" or "make")).ToArray();
        var user = userPhrases is { Count: > 0 } ? userPhrases.ToArray() : null;
        string[] Mix(string[] common) => user is null ? common : [.. common, .. Repeat(user, Math.Max(1, (int)(common.Length * userShare / user.Length)))];
        _slots = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["hour"] = Hours,
            ["min"] = Minutes,
            ["ord"] = Ordinals,
            ["weekday"] = Weekdays,
            ["month"] = Months,
            ["zone"] = Zones,
            ["n"] = ["two", "three", "four", "five", "six", "seven", "eight", "ten", "twelve", "twenty", "seventy", "two", "three"],
            ["nmin"] = ["five", "ten", "fifteen", "twenty", "thirty", "forty five", "ninety", "forty", "sixty", "twenty five", "thirty", "fifteen"],
            ["event"] = Events,
            ["qual"] = Qualifiers,
            ["name"] = Mix(Names),
            ["relation"] = Relations,
            ["place"] = Mix(Places),
            ["usertitle"] = user ?? Events,
            ["task"] = Tasks,
            ["cverb"] = [.. verbs, "schedule", "schedule", "add", "add", "book", "set up", "set up", "put", "create", "plan"],
            ["xverb"] = [.. InterpreterVocabulary.CancelVerbs, "cancel", "cancel", "cancel", "delete", "remove"],
            ["mverb"] = [.. InterpreterVocabulary.MoveVerbs.Where(v => v is not ("make" or "extend" or "shorten" or "change")), "move", "move", "move", "reschedule", "push"],
            ["polite"] = ["", "", "", "", "please", "can you", "could you", "i'd like to", "i want to", "i need to", "let's", "hey", "okay", "um", "go ahead and", "i wanna"],
            ["part"] = ["morning", "afternoon", "evening", "night"],
            ["person"] = ["{name}", "{name}", "{name}", "{name} {surname}", "{relation}", "the {qual} team", "{name}"],
            ["surname"] = ["smith", "jones", "brown", "garcia", "lee", "kim", "patel", "nguyen", "mueller", "rossi", "tanaka", "wang", "cohen", "okafor", "silva", "taylor"],
            ["people"] = ["{person}", "{person}", "{person} and {person}", "{person}, {person} and {person}", "the {qual} team"],
            ["title"] = user is null ? TitleTemplates : [.. TitleTemplates, .. Repeat(["{usertitle}"], Math.Max(1, (int)(TitleTemplates.Length * userShare * 2)))],
            ["clock"] =
            [
                "{hour}", "{hour}", "{hour} {min}", "{hour} (a.m.|p.m.)", "{hour} (a.m.|p.m.)", "{hour} {min} (a.m.|p.m.)", "noon", "midnight",
                "{hour} o'clock", "half past {hour}", "(a |)quarter (past|to) {hour}", "{hour} thirty", "{hour} in the (morning|afternoon|evening)",
            ],
            ["day"] =
            [
                "today", "tomorrow", "tonight", "the day after tomorrow", "on {weekday}", "on {weekday}", "{weekday}", "next {weekday}", "this {weekday}",
                "{weekday} {part}", "on {weekday} {part}", "this {part}", "tomorrow {part}", "on the {ord}", "on {month} {ord}", "on the {ord} of {month}",
                "next week", "this week", "this weekend", "next weekend", "next month", "this month", "in {n} days", "in (two|three) weeks",
                "{weekday} next week", "on the (first|second|third|last) {weekday} of {month}", "yesterday", "a week from {weekday}", "later today",
                "on {month} {ord}", "the week after next", "(on |)christmas eve", "on new year's (eve|day)", "on {weekday} the {ord}", "{month} {ord}",
            ],
            ["when"] =
            [
                "{day}", "at {clock}", "{day} at {clock}", "{day} at {clock}", "{day} at {clock}", "at {clock} {day}", "{day} from {clock} to {clock}",
                "{day} between {clock} and {clock}", "in {nmin} minutes", "in (two|three|an|a couple of) hours", "at {clock} {zone} {day}",
                "{day} at {clock} {zone}", "{day} {part}", "at {clock} tonight", "{day} around {clock}", "{day} at {clock} sharp",
            ],
            ["rec"] =
            [
                "every {weekday}", "every weekday", "every day", "daily", "every other {weekday}", "every {weekday} and {weekday}", "every month",
                "on the first {weekday} of every month", "every morning", "weekly", "every two weeks", "on the {ord} of every month",
                "on the last {weekday} of every month", "every (morning|evening|night)", "each {weekday}", "every year",
            ],
            ["recfull"] =
            [
                "{rec} at {clock}", "{rec} at {clock}", "{rec}", "{rec} at {clock} for {n} weeks", "{rec} at {clock} until {month} {ord}",
                "{rec} at {clock} starting {weekday}", "{rec} at {clock} except {month} {ord}", "{rec} at {clock}, except the {ord}",
                "{rec} from {clock} to {clock}", "{rec} at {clock} starting next week",
            ],
            ["dur"] =
            [
                "an hour", "one hour", "half an hour", "{nmin} minutes", "{n} hours", "an hour and a half", "ninety minutes", "two hours",
                "thirty minutes", "forty five minutes", "fifteen minutes", "a few minutes", "a day", "a week",
            ],
            ["adjdur"] = ["one hour", "two hour", "three hour", "{nmin} minute", "half hour", "half day", "all day"],
            ["target"] =
            [
                "the {title}", "my {title}", "the {title} on {weekday}", "my {title} {day}", "{weekday}'s {title}", "tomorrow's {title}",
                "today's {title}", "my {clock}", "the {clock} (meeting|call)", "my {clock} (meeting|appointment)", "tomorrow's {clock} (meeting|)",
                "it", "that", "my (meeting|call|lunch) with {person}", "the {title} with {person}", "the {title} on the {ord}", "the {qual} {event}",
                "my appointment with {person}", "the {clock} {day}", "this {title}", "the {title} at {clock}",
            ],
            ["task2"] = ["{task}", "{task}", "{task}", "{task}", "{title}"],
        };
    }

    private static readonly string[] TitleTemplates =
        ["{event}", "{event}", "{event}", "{qual} {event}", "{qual} {event}", "{event} with {person}", "{event} with {person}", "{person}'s {event}", "{qual} {qual} {event}"];

    private static readonly string[] Templates =
    [
        // Create
        "{polite} {cverb} (a|an|the|my|) {title} {when}", "{polite} {cverb} (a|an|the|my|) {title} {when}", "{polite} {cverb} (a|an|the|my|) {title} {when}",
        "{polite} {cverb} (a|an|) {title} with {people} {when}", "{polite} {cverb} (a|an|) {title} with {people} {when}",
        "{polite} {cverb} (a|an|the|) {title} {when} (in|at) {place}", "{polite} {cverb} (a|an|the|) {title} at {place} {when}",
        "{polite} put (a|the|my|) {title} on my calendar {when}", "add (a|the|) {title} to my calendar {when}", "{polite} put (a|the|) {title} {when}",
        "create an event called {title} {when}", "{polite} create an event {when} called {title}", "{polite} {cverb} a {adjdur} {title} {when}",
        "{polite} {cverb} (a|an|) {title} {recfull}", "{polite} {cverb} (a|an|) {title} {recfull}", "set up (a|an|) {title} with {people} {recfull}",
        "{title} with {person} {when}", "{title} {when}", "{polite} {cverb} (a|an|) {title} {when} and remind me {nmin} minutes before",
        "{polite} {cverb} (a|an|) {title} {when} for {dur}", "{polite} add an all day {title} {day}", "block (out|off|) {day} for {title}",
        "{polite} {cverb} (a|an|) {title} with {people} {day} at {clock} (in|at) {place}", "{polite} {cverb} {title} {day} from {clock} to {clock}",
        "pencil in (a|an|) {title} {when}", "{polite} {cverb} (a|an|) {adjdur} {title} with {people} {when}", "{polite} {cverb} (a|an|) {title} for {person} {when}",
        "{polite} {cverb} (a|an|) {title} {day} at {clock} for {dur}", "hold {day} {part} for {title}", "{polite} make (a|an) {title} {when}",
        // Reminders
        "{polite} remind me to {task2} {when}", "{polite} remind me {when} to {task}", "remind me about (the|my) {title} {when}",
        "{polite} set a reminder to {task} {when}", "set a reminder for (the|my) {title} {when}", "{polite} remind me {recfull} to {task}",
        "remind me to {task} {recfull}", "wake me up at {clock} (tomorrow|)", "set an alarm for {clock} (tomorrow|)", "remind me in {nmin} minutes to {task}",
        "remind me (in|) {dur} (to {task}|)", "reminder to {task} {when}", "don't let me forget to {task} {when}", "nudge me {when} to {task}",
        // Cancel
        "{polite} {xverb} {target}", "{polite} {xverb} {target}", "{polite} {xverb} {target} {day}", "call off {target}",
        "i can't make {target}, cancel it", "{polite} {xverb} (all my|my) meetings {day}", "get rid of {target}", "{target} is not happening, cancel it",
        // Move
        "{polite} {mverb} {target} to {when}", "{polite} {mverb} {target} to {when}", "{polite} {mverb} {target} to {when}",
        "{polite} (push|move|bump) {target} (back|forward|out|later|earlier|) (by|) ({dur}|a day|an hour)", "move {target} from {day} to {day}",
        "move {target} from {clock} to {clock}", "move {target} from {weekday} at {clock} to {weekday} at {clock}", "{polite} make {target} {dur} long",
        "make {target} (longer|shorter)", "change {target} to {dur}", "{polite} change {target} to {when}", "{polite} move it to {when}",
        "push it (back|) {dur}", "{polite} reschedule {target} for {when}", "bring {target} forward (by|) {dur}", "extend {target} by {dur}",
        "shorten {target} to {dur}", "{polite} move {target} to {when} instead",
        // Update
        "rename {target} to {title}", "change the (title|name) of {target} to {title}", "change the (location|venue|place) of {target} to {place}",
        "set the location (of|for) {target} to {place}", "{polite} move {target} to {place}", "{polite} add {people} to {target}",
        "{polite} invite {people} to {target}", "{polite} remove {person} from {target}", "take {person} off {target}",
        "change the room for {target} to {place}", "add {person} to my {clock} meeting {day}",
        // Agenda
        "what's on my (calendar|schedule|agenda) {day}", "what's on my (calendar|schedule|agenda) for {day}", "what do i have {day}",
        "what do i have on {day}", "what have i got {day}", "what am i doing {day}", "do i have anything {day}", "do i have anything on {day}",
        "am i busy {day}", "{polite} show me my (schedule|calendar|meetings|agenda) (for|) {day}", "what meetings do i have {day}",
        "any meetings with {person} {day}", "what's happening {day}", "what's next", "what's on {day}", "when is my {title}",
        "what's on between {clock} and {clock} {day}", "show my meetings with {person} {day}", "what time is my {title} {day}",
        "what's my day look like", "what does {day} look like", "how busy am i {day}", "is anything planned {day}", "who am i meeting {day}",
        "what's coming up {day}", "what's my next meeting", "do i have any meetings {day}", "list my events {day}", "when is the {title}",
        // Free time
        "when am i free {day}", "am i free {day}", "{polite} find (me|) {dur} {day}", "find a slot for a {adjdur} meeting with {people} {day}",
        "find a {nmin} minute (slot|gap|window) (with {person}|) {day}", "is there a free slot {day} between {clock} and {clock}",
        "when can i fit in a {adjdur} (block|meeting) {day}", "when are {person} and i both free {day}", "find a time for me and {person} to meet {day}",
        "do i have a free (hour|slot|afternoon|morning) {day}", "when is {people} free {day}", "find {dur} for me, {person} and {person} {day}",
        "{polite} find a time (to meet with|for) {people} {day}", "when's my next free (slot|hour)", "what's my availability {day}",
        "am i available {day} at {clock}", "do i have time for a {title} {day}", "find an open slot {day}",
        // Summaries
        "{polite} summarize {target}", "give me a summary of {target}", "what were the action items from {target}", "what did we decide in {target}",
        "recap {target}", "what were the key points (of|from) {target}", "summarize my meeting with {people} {day}", "what did we discuss in {target}",
        "send me the notes from {target}", "what are the takeaways from {target}",
        // Other requests
        "{chatter}", "{chatter}",
    ];

    /// <summary>Every template once with random fillers, <paramref name="rounds"/> times.</summary>
    public static IEnumerable<IReadOnlyList<string>> Generate(int rounds, int seed, IReadOnlyList<string>? userPhrases = null, double userShare = 0.3)
    {
        var corpus = new CommandCorpus(seed, userPhrases, userShare);
        corpus._slots["chatter"] = Chatter;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var template in Templates)
            {
                yield return WithoutStrayOn(Words(corpus.Expand(template)));
            }
        }
    }

    /// <summary>
    /// A day slot after "to", "from", "for" or "until" is said without its "on" ("move it to monday", not "to on
    /// monday"): otherwise the model learns "to on" and the decoder hears it everywhere.
    /// </summary>
    private static List<string> WithoutStrayOn(IReadOnlyList<string> words)
    {
        var kept = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == "on" && i > 0 && words[i - 1] is "to" or "from" or "for" or "until")
            {
                continue;
            }

            kept.Add(words[i]);
        }

        return kept;
    }

    /// <summary>The words a recogniser would write: lower case, no punctuation except the apostrophes and dots of words like "a.m.".</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        foreach (var raw in text.ToLowerInvariant().Split([' ', ',', '?', '!', ';', ':', '"'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('\'', '.', '-');
            if (raw.EndsWith('.') && raw.Count(c => c == '.') > 1)
            {
                word = raw;
            }

            if (word.Length > 0)
            {
                words.Add(word);
            }
        }

        return words;
    }

    private string Expand(string template)
    {
        var text = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{')
            {
                var close = template.IndexOf('}', i);
                var name = template[(i + 1)..close];
                var options = _slots[name];
                text.Append(Expand(options[_random.Next(options.Length)]));
                i = close + 1;
            }
            else if (c == '(')
            {
                var close = Matching(template, i);
                var choices = SplitTop(template[(i + 1)..close]);
                text.Append(Expand(choices[_random.Next(choices.Count)]));
                i = close + 1;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        return text.ToString();
    }

    private static int Matching(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        throw new FormatException("Unbalanced template: " + text);
    }

    private static List<string> SplitTop(string inner)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            depth += inner[i] is '(' or '{' ? 1 : inner[i] is ')' or '}' ? -1 : 0;
            if (inner[i] == '|' && depth == 0)
            {
                parts.Add(inner[start..i]);
                start = i + 1;
            }
        }

        parts.Add(inner[start..]);
        return parts;
    }

    private static IEnumerable<string> Repeat(string[] items, int times) => Enumerable.Range(0, times).SelectMany(_ => items);
}
