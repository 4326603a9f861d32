using OptOutConsole.Core.Intent;

namespace OptOutConsole.Tests.Core.Intent;

public sealed class OptOutIntentDetectorTests
{
    private static readonly OptOutIntentDetector Detector = IntentTestData.Detector;

    [Theory]
    // The brief's requests, commands and complaints.
    [InlineData("stop texting me please", "en")]
    [InlineData("I want off this list", "en")]
    [InlineData("no more texts from you guys", "en")]
    [InlineData("please quit messaging me", "en")]
    [InlineData("I do not want to receive these anymore", "en")]
    [InlineData("unsubscribe this number", "en")]
    [InlineData("you can remove me now", "en")]
    [InlineData("cancel these alerts", "en")]
    [InlineData("who gave you my number? stop", "en")]
    [InlineData("remove me from your list", "en")]
    [InlineData("no quiero más mensajes de ustedes", "es")]
    [InlineData("dar de baja por favor", "es")]
    [InlineData("quítenme de esta lista", "es")]
    [InlineData("paren de escribirme", "es")]
    [InlineData("no más mensajes", "es")]
    [InlineData("je ne veux plus de vos messages", "fr")]
    [InlineData("arrêtez de m'écrire", "fr")]
    [InlineData("enlevez-moi de votre liste", "fr")]
    [InlineData("désabonner ce numéro", "fr")]
    [InlineData("arrêtez de m'envoyer des messages", "fr")]
    // Missing accents, case, punctuation.
    [InlineData("NO QUIERO MAS MENSAJES", "es")]
    [InlineData("quitenme de esta lista!!!", "es")]
    [InlineData("arretez de m ecrire", "fr")]
    [InlineData("desabonner ce numero", "fr")]
    [InlineData("Je Ne Veux Plus De Vos Messages.", "fr")]
    // Slang, abbreviations, emoji, profanity, anger.
    [InlineData("stahp", "en")]
    [InlineData("pls stop txting me", "en")]
    [InlineData("u can stop sending me msgs now", "en")]
    [InlineData("plz no more txts", "en")]
    [InlineData("stop f***ing texting me", "en")]
    [InlineData("stop fucking messaging me", "en")]
    [InlineData("STOP TEXTING ME 😡😡", "en")]
    [InlineData("🛑 stop", "en")]
    [InlineData("Stoooop!!!", "en")]
    [InlineData("what part of STOP don't you understand", "en")]
    [InlineData("leave me alone", "en")]
    [InlineData("no mas msjs porfa", "es")]
    [InlineData("ya basta, dejen de escribirme", "es")]
    [InlineData("foutez-moi la paix avec vos sms", "fr")]
    [InlineData("j'en ai marre de vos messages", "fr")]
    // Politeness, wrong number, buried in a long text.
    [InlineData("Could you please remove me from your mailing list? Thank you!", "en")]
    [InlineData("wrong number, stop", "en")]
    [InlineData("This isn't Mike. Wrong number, please stop texting me.", "en")]
    [InlineData("número equivocado", "es")]
    [InlineData("mauvais numéro", "fr")]
    [InlineData("Hi! Just wanted to say the food was great last time but honestly I get way too many of these, so please take me off your list. Thanks and have a good one", "en")]
    [InlineData("Hola, ya no vivo en la ciudad, por favor quiten mi número de su lista para no recibir más mensajes. Gracias", "es")]
    [InlineData("Bonjour, je ne suis plus client chez vous, merci de retirer mon numéro de votre liste de diffusion.", "fr")]
    // Questions about how to opt out are read as requests (docs/intent-detection.md).
    [InlineData("how do I unsubscribe?", "en")]
    [InlineData("how do I stop these texts?", "en")]
    public void Detect_OptOutRequest_Flagged(string text, string language)
    {
        var result = Detector.Detect(text);

        Assert.True(result.IsOptOut, result.ToString());
        Assert.Equal(language, result.Language);
    }

    [Theory]
    // Negations.
    [InlineData("don't stop the deals")]
    [InlineData("can't stop smiling, thanks!")]
    [InlineData("never stop sending these, they're great")]
    [InlineData("please don't unsubscribe me")]
    [InlineData("No, don't remove me, I still want the deals!")]
    [InlineData("no pares de mandarme ofertas")]
    [InlineData("no paren las promos, están buenísimas")]
    [InlineData("ne pas arrêter")]
    [InlineData("n'arrêtez pas les promos, elles sont géniales")]
    [InlineData("Je n'arrête pas de penser à vos sushis")]
    // Other senses of STOP, CANCEL, END, QUIT, REMOVE.
    [InlineData("stop by the store")]
    [InlineData("stop in for happy hour?")]
    [InlineData("where do I stop to pick up?")]
    [InlineData("I'm at the stop now, which way do I walk?")]
    [InlineData("cancel my 7pm pickup, moving it to 8")]
    [InlineData("does the deal end tonight?")]
    [InlineData("I quit my job so I can finally come for lunch 😂")]
    [InlineData("quit texting your ex and come eat sushi lol")]
    [InlineData("please remove the cheese from my order")]
    [InlineData("can you take me off the waitlist? we found a table")]
    [InlineData("Remove me from the 7pm reservation, just book it for 2")]
    [InlineData("Can you stop sending me the paper receipts and just text them?")]
    [InlineData("l'arrêt de bus")]
    [InlineData("je passe à l'arrêt du métro")]
    [InlineData("baja la música jaja")]
    [InlineData("me dieron de baja en el trabajo, ¿puedo usar el cupón?")]
    [InlineData("plus de sauce svp")]
    [InlineData("je ne veux plus attendre, la commande arrive quand ?")]
    // Love for the messages, thanks, ordinary replies.
    [InlineData("please keep sending the coupons")]
    [InlineData("unsubscribe my friend? no, I love these")]
    [InlineData("Can I unsubscribe from emails but keep the texts?")]
    [InlineData("ok thanks")]
    [InlineData("top notch")]
    [InlineData("no more coupons this week?")]
    [InlineData("I'm done! Order placed")]
    [InlineData("Did I give you the wrong number for the order? It should end in 22")]
    [InlineData("oops wrong person, ignore")]
    [InlineData("Stop, you're making me hungry 😂")]
    [InlineData("OMG stop, that's such a good deal")]
    [InlineData("gracias por el cupón")]
    [InlineData("merci pour l'info")]
    public void Detect_NegationOrOtherSense_NotFlagged(string text)
    {
        var result = Detector.Detect(text);

        Assert.False(result.IsOptOut, result.ToString());
    }

    [Theory]
    [InlineData("Stpo", "typo of STOP")]
    [InlineData("Stoop", "typo of STOP")]
    [InlineData("STOPP", "typo of STOP")]
    [InlineData("stpo please", "typo of STOP")]
    [InlineData("tsop!", "typo of STOP")]
    [InlineData("UNSUBSRIBE", "typo of UNSUBSCRIBE")]
    [InlineData("unsubscibe", "typo of UNSUBSCRIBE")]
    [InlineData("cancle", "typo of CANCEL")]
    [InlineData("Cancle these texts", "typo of CANCEL")]
    [InlineData("Revokee", "typo of REVOKE")]
    [InlineData("Bajaa", "typo of BAJA")]
    [InlineData("Arrett", "typo of ARRET")]
    [InlineData("Stopall please", "STOPALL alone")]
    public void Detect_TypoOfOwnKeyword_FlaggedWithReason(string text, string reason)
    {
        var result = Detector.Detect(text);

        Assert.True(result.IsOptOut, result.ToString());
        Assert.Equal(reason, result.Reason);
    }

    [Theory]
    // One edit from STOP, CANCEL, QUIT, BAJA, ALTO, ARRET, REVOKE, REMOVE: real words, never typos.
    [InlineData("shop")]
    [InlineData("step")]
    [InlineData("stops")]
    [InlineData("SLOP")]
    [InlineData("stomp")]
    [InlineData("Top")]
    [InlineData("quiet")]
    [InlineData("quite")]
    [InlineData("quiz")]
    [InlineData("suit")]
    [InlineData("cancer")]
    [InlineData("bajo")]
    [InlineData("alta")]
    [InlineData("auto")]
    [InlineData("arrest")]
    [InlineData("evoke")]
    [InlineData("remote")]
    // Keywords shorter than four letters are never typo-matched.
    [InlineData("and")]
    [InlineData("send")]
    [InlineData("ends")]
    [InlineData("ned")]
    public void Detect_WordOneEditFromKeyword_NotFlagged(string text)
    {
        var result = Detector.Detect(text);

        Assert.False(result.IsOptOut, result.ToString());
    }

    [Fact]
    public void Detect_TypoOfCustomKeyword_OnlyForTheServiceThatHasIt()
    {
        var cut = OptOutIntentDetector.Build(["STOP", "STOPNOW"]);

        var withKeyword = cut.Detect("stopnwo");
        var withoutKeyword = Detector.Detect("stopnwo");

        Assert.True(withKeyword.IsOptOut, withKeyword.ToString());
        Assert.Equal("typo of STOPNOW", withKeyword.Reason);
        Assert.False(withoutKeyword.IsOptOut, withoutKeyword.ToString());
    }

    [Theory]
    [InlineData("Hi, please stop texting me, thanks", "stop texting me", 11, "en")]
    [InlineData("who gave you my number? stop", "stop", 24, "en")]
    [InlineData("I want off this list", "want off this list", 2, "en")]
    [InlineData("OK so... I do not want to receive these anymore!", "not want to receive these anymore", 14, "en")]
    [InlineData("¡Hola! No quiero más mensajes de ustedes", "No quiero más mensajes", 7, "es")]
    [InlineData("Por favor, dar de baja", "dar de baja", 11, "es")]
    [InlineData("Bonjour, arrêtez de m'écrire svp", "arrêtez de m'écrire", 9, "fr")]
    [InlineData("stop svp", "stop", 0, "fr")]
    [InlineData("alto por favor", "alto", 0, "es")]
    [InlineData("stop f***ing texting me", "stop f***ing texting me", 0, "en")]
    [InlineData("Stoooop!!!", "Stoooop", 0, "en")]
    public void Detect_Request_PhraseAsWrittenAndLanguage(string text, string phrase, int start, string language)
    {
        var result = Detector.Detect(text);

        Assert.True(result.IsOptOut, result.ToString());
        Assert.Equal(phrase, result.Phrase);
        Assert.Equal(start, result.PhraseStart);
        Assert.Equal(phrase.Length, result.PhraseLength);
        Assert.Equal(phrase, text.Substring(result.PhraseStart, result.PhraseLength));
        Assert.Equal(language, result.Language);
    }

    [Theory]
    [InlineData("unsubscribe me", "I'm done")]
    [InlineData("stop texting me", "not interested")]
    [InlineData("remove me from your list", "who gave you my number?")]
    [InlineData("STOP", "Stpo")]
    [InlineData("stop please", "Stop, you're making me hungry 😂")]
    [InlineData("wrong number, stop texting me", "wrong number")]
    [InlineData("no more texts", "no more texts?")]
    [InlineData("dejen de escribirme", "no me interesa")]
    [InlineData("arrêtez de m'écrire", "j'en ai marre")]
    public void Detect_ExplicitRequest_ScoresHigherThanVagueOne(string explicitText, string vagueText)
    {
        var explicitResult = Detector.Detect(explicitText);
        var vagueResult = Detector.Detect(vagueText);

        Assert.True(explicitResult.Score > vagueResult.Score, $"{explicitResult} vs {vagueResult}");
    }

    [Theory]
    [InlineData("I'm done")]
    [InlineData("who gave you my number?")]
    [InlineData("j'en ai marre")]
    public void Detect_VagueComplaint_EvidenceBelowThreshold(string text)
    {
        var result = Detector.Detect(text);

        Assert.InRange(result.Score, 0.3, OptOutIntentDetector.Threshold - 0.01);
        Assert.NotNull(result.Phrase);
    }

    [Fact]
    public void Detect_Scores_StayBetweenZeroAndOne()
    {
        foreach (var row in IntentTestData.Labelled())
        {
            var result = Detector.Detect(row.Text);

            Assert.InRange(result.Score, 0, 1);
        }
    }

    [Theory]
    [InlineData("ok bye forever!", "bye forever")]
    [InlineData("Don't say BYE FOREVER", "BYE FOREVER")]
    [InlineData("no mas promos", "no mas promos")]
    [InlineData("No más promos.", "No más promos")]
    [InlineData("quiero baja, ya", "quiero baja, ya")]
    public void Detect_ExtraPhrase_FlaggedWhereverItIs(string text, string phrase)
    {
        var cut = OptOutIntentDetector.Build(IntentTestData.Keywords, extraPhrases: ["bye forever", "no más promos", "quiero baja, ya"]);

        var result = cut.Detect(text);

        Assert.True(result.IsOptOut, result.ToString());
        Assert.Equal(phrase, result.Phrase);
        Assert.Equal("extra phrase", result.Reason);
        Assert.Equal(0.95, result.Score);
    }

    [Fact]
    public void Detect_ExtraPhrase_OtherServicesUnaffected()
    {
        var result = Detector.Detect("ok bye forever!");

        Assert.False(result.IsOptOut, result.ToString());
    }

    [Theory]
    [InlineData("wrong number", false)]
    [InlineData("Wrong number!", false)]
    [InlineData("wrong number, stop texting me", true)]
    [InlineData("stop texting me", true)]
    public void Detect_IgnoredPhrase_NotFlaggedOnThatEvidence(string text, bool flagged)
    {
        var cut = OptOutIntentDetector.Build(IntentTestData.Keywords, ignorePhrases: ["wrong number"]);

        var result = cut.Detect(text);

        Assert.Equal(flagged, result.IsOptOut);
        Assert.True(Detector.Detect(text).IsOptOut, "the service without the ignored phrase flags it");
    }

    [Fact]
    public void Detect_IgnoredKeyword_CommandAloneNotFlagged()
    {
        var cut = OptOutIntentDetector.Build(IntentTestData.Keywords, ignorePhrases: ["cancel please"]);

        Assert.False(cut.Detect("Cancel please!").IsOptOut);
        Assert.True(cut.Detect("cancel these alerts").IsOptOut);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!")]
    [InlineData("🛑👍🏽🇨🇦")]
    [InlineData("2024")]
    [InlineData("\uD800 lone surrogate")]
    public void Detect_NoWords_NoEvidence(string? text)
    {
        var result = Detector.Detect(text);

        Assert.Equal(default, result);
        Assert.Equal(0, result.Score);
        Assert.Null(result.Phrase);
        Assert.Null(result.Language);
        Assert.False(result.IsOptOut);
    }

    [Fact]
    public void Detect_SpanOverload_SameAsString()
    {
        const string text = "Bonjour, arrêtez de m'écrire svp";

        var fromString = Detector.Detect(text);
        var fromSpan = Detector.Detect(text.AsSpan());

        Assert.Equal(fromString, fromSpan);
    }

    [Fact]
    public void Detect_LongTextWithRequestBuried_FlaggedWithRightOffsets()
    {
        var filler = string.Concat(Enumerable.Repeat("We loved the omakase last night and the staff were lovely. ", 30));
        var text = filler + "Anyway, please remove me from your list. " + filler;

        var result = Detector.Detect(text);

        Assert.True(result.IsOptOut, result.ToString());
        Assert.Equal("remove me from your list", result.Phrase);
        Assert.Equal(text.IndexOf("remove me", StringComparison.Ordinal), result.PhraseStart);
    }

    [Fact]
    public void Detect_TextsOfManyShortWords_SameAsAnyOtherText()
    {
        // More words than the stack buffers hold: the pooled path.
        var text = string.Concat(Enumerable.Repeat("a b ", 200)) + "stop texting me";

        var result = Detector.Detect(text);

        Assert.True(result.IsOptOut, result.ToString());
        Assert.Equal("stop texting me", result.Phrase);
    }

    [Fact]
    public void Detect_OrdinaryTexts_AllocatesNothing()
    {
        string[] texts =
        [
            "Hi! We loved the omakase last night, could you send the menu again? Also is the parking lot behind the store open on Sundays?",
            "ok thanks",
            "Can I change my reservation to 8pm tonight? Thanks!!",
            "¿A qué hora cierran hoy? Queremos pasar con los niños después del partido, gracias 😊",
            "Vous êtes ouverts dimanche ? On voudrait réserver une table pour quatre personnes vers 20h.",
            "don't stop the deals",
            "stop by the store",
            "Stoooore is closed??",
            "f***ing great rolls",
            "",
        ];
        foreach (var text in texts)
        {
            Assert.Null(Detector.Detect(text).Phrase);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var text in texts)
            {
                Detector.Detect(text);
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Detect_Detection_AllocatesOnlyThePhrase()
    {
        const string text = "Hi, I used to be a customer but I moved out of state. Please remove me from your text list. Thanks!";
        Detector.Detect(text);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Detector.Detect(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(result.IsOptOut);
        Assert.InRange(allocated, 1, 32 + (2 * result.PhraseLength));
    }

    [Fact]
    public void Detect_ManyThreads_SameAnswers()
    {
        var rows = IntentTestData.Labelled();
        var expected = rows.Select(r => Detector.Detect(r.Text)).ToArray();

        var results = new IntentResult[8][];
        Parallel.For(0, results.Length, t => results[t] = rows.Select(r => Detector.Detect(r.Text)).ToArray());

        foreach (var run in results)
        {
            Assert.Equal(expected, run);
        }
    }

    [Fact]
    public void Detect_RandomText_NeverThrowsAndPhraseIsASubstring()
    {
        var random = new Random(20250411);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ éèêàçñüö'’*#?!.,¿¡-😂🛑\u0301\uD83D\uDE00\uD800 stop texting me no más arrêtez ";
        for (var n = 0; n < 5000; n++)
        {
            var chars = new char[random.Next(0, 200)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);

            var result = Detector.Detect(text);

            Assert.InRange(result.Score, 0, 1);
            if (result.Phrase is not null)
            {
                Assert.Equal(result.Phrase, text.Substring(result.PhraseStart, result.PhraseLength));
            }
        }
    }

    [Fact]
    public void Build_NoKeywords_StillReadsFreeText()
    {
        var cut = OptOutIntentDetector.Build([]);

        Assert.True(cut.Detect("please stop texting me").IsOptOut);
        Assert.True(cut.Detect("stop").IsOptOut);
    }

    [Fact]
    public void Build_NullKeywords_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => OptOutIntentDetector.Build(null!));
    }

    [Fact]
    public void Build_BlankAndOddPhrases_Ignored()
    {
        var cut = OptOutIntentDetector.Build(["", "  ", "🛑", "STOP"], extraPhrases: ["", " ", "!!!"], ignorePhrases: ["", "?"]);

        Assert.True(cut.Detect("stop please").IsOptOut);
        Assert.False(cut.Detect("!!!").IsOptOut);
    }
}
