using QRCoder;

namespace Steadfast.Customers.Equipment;

/// <summary>The QR code on a machine's label: an SVG of the public repair-request address.</summary>
public static class QrLabel
{
    public static string ScanPath(string token) => "/q/" + token;

    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
