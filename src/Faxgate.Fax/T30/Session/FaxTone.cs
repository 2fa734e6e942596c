namespace Faxgate.Fax.T30.Session;

/// <summary>The call tones of ITU-T T.30 clause 4: CNG from the calling terminal, CED from the answering one.</summary>
public enum FaxTone
{
    Cng,
    Ced,
}
