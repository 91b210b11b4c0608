namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// Compiles the catalog's pattern language into linear token patterns.
/// <list type="bullet">
/// <item><c>you will love</c>: words in order (contractions and British spellings are normalised on both sides).</item>
/// <item><c>so|really</c>: one of these words; <c>(last resort|plan b)</c>: one of these phrases.</item>
/// <item><c>word?</c>, <c>(a phrase)?</c>: optional.</item>
/// <item><c>!(you|i)</c>: any one word except these.</item>
/// <item><c>*</c>: any one word; <c>*{0,4}</c>: a gap of up to four words within the sentence.</item>
/// <item><c>@class</c>: a word class defined in the catalog; <c>@Name</c>: a capitalised word the rules do not know.</item>
/// <item><c>^</c>: start of a sentence or clause; <c>$</c>: end of one.</item>
/// </list>
/// </summary>
internal sealed class PatternCompiler(Vocabulary vocabulary, IReadOnlyDictionary<string, string> classes)
{
    private const int MaxVariants = 512;
    private int depth;

    // Thousands of patterns use the same words and word classes: each atom is read once. Nodes are values, never changed.
    private readonly Dictionary<string, Node> atoms = new(StringComparer.Ordinal);

    public IReadOnlyList<Step[]> Compile(string source)
    {
        var position = 0;
        depth = 0;
        var node = ParseSequence(source, ref position);
        if (position != source.Length)
        {
            throw new FormatException($"Unexpected '{source[position]}' at {position} in pattern \"{source}\".");
        }

        var variants = node.Expand(this).SelectMany(RequireFirstWord).ToList();
        if (variants.Count > MaxVariants)
        {
            throw new FormatException($"Pattern \"{source}\" expands to {variants.Count} variants; split it.");
        }

        foreach (var variant in variants)
        {
            var first = variant.FirstOrDefault(s => s.Kind != StepKind.SentenceStart);
            var startsWithWord = first is { Kind: StepKind.Words, Negated: false, Min: > 0, Ids.Length: > 0 } || first.Kind == StepKind.Name;
            if (!startsWithWord)
            {
                throw new FormatException($"Pattern \"{source}\" must begin with a required word or @Name.");
            }
        }

        return [.. variants.Select(v => v.ToArray())];
    }

    /// <summary>Matching starts from a pattern's first word, so a leading optional word makes two variants.</summary>
    private static IEnumerable<List<Step>> RequireFirstWord(List<Step> variant)
    {
        var first = variant.FindIndex(s => s.Kind != StepKind.SentenceStart);
        if (first < 0 || variant[first] is not { Kind: StepKind.Words, Min: 0 } optional)
        {
            yield return variant;
            yield break;
        }

        var with = new List<Step>(variant);
        with[first] = optional with { Min = 1 };
        yield return with;

        var without = new List<Step>(variant);
        without.RemoveAt(first);
        foreach (var rest in RequireFirstWord(without))
        {
            yield return rest;
        }
    }

    private Node ParseSequence(string source, ref int position)
    {
        var items = new List<Node>();
        while (position < source.Length && source[position] is not (')' or '|'))
        {
            if (source[position] == ' ')
            {
                position++;
                continue;
            }

            items.Add(ParseItem(source, ref position));
        }

        return new SequenceNode(items);
    }

    private Node ParseItem(string source, ref int position)
    {
        Node node;
        var negated = false;
        if (source[position] == '!')
        {
            negated = true;
            position++;
        }

        if (source[position] == '(')
        {
            position++;
            depth++;
            var alternatives = new List<Node> { ParseSequence(source, ref position) };
            while (position < source.Length && source[position] == '|')
            {
                position++;
                alternatives.Add(ParseSequence(source, ref position));
            }

            if (position >= source.Length || source[position] != ')')
            {
                throw new FormatException($"Missing ')' in pattern \"{source}\".");
            }

            position++;
            depth--;
            node = new ChoiceNode(alternatives);
        }
        else
        {
            // Outside a group "a|b" lists words; inside one, "|" separates the group's phrases.
            var start = position;
            while (position < source.Length && source[position] is not (' ' or ')' or '(' or '?') && !(depth > 0 && source[position] == '|'))
            {
                position++;
            }

            var atom = source[start..position];
            if (!atoms.TryGetValue(atom, out node!))
            {
                node = ParseAtom(atom, source);
                atoms.Add(atom, node);
            }
        }

        if (negated)
        {
            node = new NegatedNode(node);
        }

        if (position < source.Length && source[position] == '?')
        {
            position++;
            node = new OptionalNode(node);
        }

        return node;
    }

    private Node ParseAtom(string atom, string source)
    {
        if (atom.Length == 0)
        {
            throw new FormatException($"Empty item in pattern \"{source}\".");
        }

        switch (atom)
        {
            case "^":
                return new StepNode(new Step(StepKind.SentenceStart, [], false, 0, 0));
            case "$":
                return new StepNode(new Step(StepKind.ClauseEnd, [], false, 0, 0));
            case "*":
                return new StepNode(new Step(StepKind.Any, [], false, 1, 1));
            case "@Name":
                return new StepNode(new Step(StepKind.Name, [], false, 1, 1));
        }

        if (atom.StartsWith("*{", StringComparison.Ordinal) && atom.EndsWith('}'))
        {
            var bounds = atom[2..^1].Split(',');
            return new StepNode(new Step(StepKind.Any, [], false, byte.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture), byte.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        var words = new List<string>();
        foreach (var part in atom.Split('|'))
        {
            if (part.StartsWith('@'))
            {
                if (!classes.TryGetValue(part[1..], out var members))
                {
                    throw new FormatException($"Unknown word class {part} in pattern \"{source}\".");
                }

                words.AddRange(members.Split('|'));
            }
            else
            {
                words.Add(part);
            }
        }

        // Each word may stand for several tokens ("won't" = "will not"): one-token words share a step.
        var single = new List<int>();
        var multi = new List<Node>();
        foreach (var word in words)
        {
            // A class member may be a phrase ("over the moon"): its words in turn, each read like a pattern word.
            int[] ids = word.Contains(' ', StringComparison.Ordinal) ? [.. word.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(Normalize)] : Normalize(word);
            if (ids.Length == 1)
            {
                single.Add(ids[0]);
            }
            else
            {
                multi.Add(new SequenceNode([.. ids.Select(id => (Node)new StepNode(new Step(StepKind.Words, [id], false, 1, 1)))]));
            }
        }

        var choices = new List<Node>();
        if (single.Count > 0)
        {
            choices.Add(new StepNode(new Step(StepKind.Words, [.. single.Distinct()], false, 1, 1)));
        }

        choices.AddRange(multi);
        return choices.Count == 1 ? choices[0] : new ChoiceNode(choices);
    }

    /// <summary>A pattern word, read the way the tokenizer reads text.</summary>
    private int[] Normalize(string word)
    {
        var lower = word.ToLowerInvariant().Replace('’', '\'');
        if (vocabulary.TryGetForm(lower, out var ids))
        {
            return ids;
        }

        return [vocabulary.Intern(lower)];
    }

    private abstract record Node
    {
        public abstract List<List<Step>> Expand(PatternCompiler compiler);
    }

    private sealed record StepNode(Step Step) : Node
    {
        public override List<List<Step>> Expand(PatternCompiler compiler) => [[Step]];
    }

    private sealed record SequenceNode(List<Node> Items) : Node
    {
        public override List<List<Step>> Expand(PatternCompiler compiler)
        {
            // Every head with every tail, in that order, each list made at its size: the catalog's thousands of patterns are
            // expanded at every start of the command line, where enumerators and growing lists took a third of it.
            List<List<Step>> result = [[]];
            foreach (var item in Items)
            {
                var tails = item.Expand(compiler);
                var combined = new List<List<Step>>(result.Count * tails.Count);
                foreach (var head in result)
                {
                    foreach (var tail in tails)
                    {
                        var steps = new List<Step>(head.Count + tail.Count);
                        steps.AddRange(head);
                        steps.AddRange(tail);
                        combined.Add(steps);
                    }
                }

                result = combined;
                if (result.Count > MaxVariants)
                {
                    return result;
                }
            }

            return result;
        }
    }

    private sealed record ChoiceNode(List<Node> Alternatives) : Node
    {
        public override List<List<Step>> Expand(PatternCompiler compiler)
        {
            var variants = Alternatives.SelectMany(a => a.Expand(compiler)).ToList();

            // Alternatives that are each a single word step collapse into one step.
            var singles = variants.Where(v => v.Count == 1 && v[0] is { Kind: StepKind.Words, Negated: false, Min: 1, Max: 1 }).ToList();
            if (singles.Count > 1)
            {
                var merged = new Step(StepKind.Words, [.. singles.SelectMany(v => v[0].Ids).Distinct()], false, 1, 1);
                variants = [.. variants.Except(singles), [merged]];
            }

            return variants;
        }
    }

    private sealed record OptionalNode(Node Inner) : Node
    {
        public override List<List<Step>> Expand(PatternCompiler compiler)
        {
            var variants = Inner.Expand(compiler);
            if (variants is [[{ Kind: StepKind.Words or StepKind.Any } only]])
            {
                return [[only with { Min = 0 }]];
            }

            return [[], .. variants];
        }
    }

    private sealed record NegatedNode(Node Inner) : Node
    {
        public override List<List<Step>> Expand(PatternCompiler compiler)
        {
            var variants = Inner.Expand(compiler);
            if (variants is not [[{ Kind: StepKind.Words } only]])
            {
                throw new FormatException("Only a list of single words can be negated: !(a|b).");
            }

            return [[only with { Negated = true }]];
        }
    }
}
