namespace Steadfast.Platform.Files;

public sealed record AttachmentDto(
    Guid Id,
    AttachmentKind Kind,
    string FileName,
    string ContentType,
    long Size,
    string? UploadedBy,
    DateTime UploadedAt
);
