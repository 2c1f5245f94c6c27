using System.Text;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Metadata;

namespace Crypt.Formats.Tests.Metadata;

/// <summary>Structural equality for <see cref="SopsMetadata"/> (its lists compare by reference).</summary>
internal static class MetadataAssert
{
    public static void Equal(SopsMetadata expected, SopsMetadata actual) => Assert.Equal(Describe(expected), Describe(actual));

    public static string Describe(SopsMetadata m)
    {
        var sb = new StringBuilder();
        sb.Append("lastmodified=").Append(m.LastModified).Append('\n')
            .Append("mac=").Append(m.Mac).Append('\n')
            .Append("version=").Append(m.Version).Append('\n')
            .Append("rule=").Append(m.Rule.FieldName).Append(':').Append(m.Rule.Value).Append('\n')
            .Append("mac_only=").Append(m.MacOnlyEncrypted).Append('\n')
            .Append("threshold=").Append(m.ShamirThreshold).Append('\n');
        for (int g = 0; g < m.KeyGroups.Count; g++)
        {
            sb.Append("group ").Append(g).Append('\n');
            foreach (MasterKeyEntry entry in m.KeyGroups[g])
            {
                sb.Append("  ").Append(Describe(entry)).Append('\n');
            }
        }

        return sb.ToString();
    }

    public static string Describe(MasterKeyEntry entry) => entry switch
    {
        KmsKeyEntry k => $"kms arn={k.Arn} role={k.Role ?? "<null>"} context=[{string.Join(",", k.Context.Select(p => p.Key + "=" + p.Value))}] profile={k.AwsProfile} created={k.CreatedAt} enc={k.Enc}",
        OpaqueKeyEntry o => $"{o.TypeName} [{string.Join(",", o.Fields.Select(p => p.Key + "=" + p.Value))}]",
        _ => entry.ToString(),
    };
}
