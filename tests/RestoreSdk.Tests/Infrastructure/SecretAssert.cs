// Asserts that secrets appear nowhere a caller can see: any log line, an exception's ToString() or any of its (nested) property values.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace RestoreSdk.Tests.Infrastructure;

internal static class SecretAssert
{
    public static void NowhereIn(Exception exception, IEnumerable<CapturedLog> logs, params string[] secrets)
    {
        var texts = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            texts.Add(current.ToString());
            AddPropertyTexts(current, texts, depth: 0);
        }

        texts.AddRange(logs.Select(log => log.Text));
        foreach (var secret in secrets)
        {
            Assert.All(texts, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    private static void AddPropertyTexts(object value, List<string> texts, int depth)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name is nameof(Exception.TargetSite) or nameof(Exception.InnerException))
            {
                continue;
            }

            var propertyValue = property.GetValue(value);
            switch (propertyValue)
            {
                case null:
                    break;
                case string text:
                    texts.Add(text);
                    break;
                case IEnumerable items when propertyValue is not string:
                    foreach (var item in items)
                    {
                        texts.Add(item?.ToString() ?? string.Empty);
                        if (item is DictionaryEntry entry)
                        {
                            texts.Add($"{entry.Key}={entry.Value}");
                        }
                    }

                    break;
                default:
                    texts.Add(propertyValue.ToString() ?? string.Empty);
                    if (depth < 2 && propertyValue.GetType().Namespace == typeof(PackagesClient).Namespace)
                    {
                        AddPropertyTexts(propertyValue, texts, depth + 1);
                    }

                    break;
            }
        }
    }
}
