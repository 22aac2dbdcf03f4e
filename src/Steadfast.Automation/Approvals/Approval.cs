using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Automation;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Automation.Approvals;

/// <summary>One record's way through a process: the step it is at, since when, until when.</summary>
[RecordType("approval")]
internal sealed class Approval : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public Guid ProcessId { get; set; }
    public string ProcessName { get; set; } = "";

    /// <summary>The process's steps as they were when it started (JSON), so an edit does not move a running approval.</summary>
    public string Steps { get; set; } = "[]";
    public string RecordType { get; set; } = "";
    public Guid RecordId { get; set; }
    public string RecordTitle { get; set; } = "";
    public string RecordLink { get; set; } = "";
    public Guid RequesterId { get; set; }
    public string RequesterName { get; set; } = "";
    public ApprovalStatus Status { get; set; }
    public int StepIndex { get; set; }
    public string StepName { get; set; } = "";

    /// <summary>Resubmissions after a return: votes and step times belong to a round.</summary>
    public int Round { get; set; }
    public DateTime StepStartedAtUtc { get; set; }
    public DateTime? StepDueAtUtc { get; set; }
    public bool Escalated { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
    public string LastComment { get; set; } = "";
    public long Version { get; set; } = 1;
}

public enum VoteDecision
{
    Waiting = 0,
    Approved = 1,
    Rejected = 2,
    Returned = 3,

    /// <summary>The step ended without this vote (another approver of an "any of" step decided).</summary>
    Skipped = 4,
}

/// <summary>One approver's part in one step: what they decided, or that they still must.</summary>
internal sealed class ApprovalVote
{
    public Guid Id { get; set; }
    public Guid ApprovalId { get; set; }
    public int Round { get; set; }
    public int StepIndex { get; set; }
    public Guid UserId { get; set; }
    public string UserName { get; set; } = "";

    /// <summary>The approver this one stands in for while they are away.</summary>
    public Guid? OnBehalfOfId { get; set; }
    public string OnBehalfOfName { get; set; } = "";

    /// <summary>Added when the step's time ran out: this vote decides the step alone.</summary>
    public bool Escalation { get; set; }
    public VoteDecision Decision { get; set; }
    public string Comment { get; set; } = "";

    /// <summary>"page" (or the API) or "link" (the signed link in the mail): where the decision was made.</summary>
    public string Via { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
}

/// <summary>How long one step held one approval: the process monitor's figures.</summary>
internal sealed class ApprovalStepTime
{
    public Guid Id { get; set; }
    public Guid ApprovalId { get; set; }
    public Guid ProcessId { get; set; }
    public int StepIndex { get; set; }
    public string StepName { get; set; } = "";
    public int Round { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }

    /// <summary>Working minutes of the company calendar between start and end, set at the end.</summary>
    public int? WorkingMinutes { get; set; }
    public bool Escalated { get; set; }
    public VoteDecision Outcome { get; set; }
}

/// <summary>A user away: from the start until the end, their approvals go to the delegate.</summary>
[RecordType("approvaldelegation")]
internal sealed class ApprovalDelegation : IAudited
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid DelegateId { get; set; }
    public DateTime StartsAtUtc { get; set; }
    public DateTime EndsAtUtc { get; set; }
    public string Note { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? CancelledAtUtc { get; set; }
}

internal sealed class ApprovalConfiguration
    : IEntityTypeConfiguration<Approval>,
        IEntityTypeConfiguration<ApprovalVote>,
        IEntityTypeConfiguration<ApprovalStepTime>,
        IEntityTypeConfiguration<ApprovalDelegation>
{
    public void Configure(EntityTypeBuilder<Approval> b)
    {
        b.ToTable("Approvals");
        b.Property(a => a.ProcessName).HasMaxLength(200);
        b.Property(a => a.Steps).HasMaxLength(20000);
        b.Property(a => a.RecordType).HasMaxLength(50);
        b.Property(a => a.RecordTitle).HasMaxLength(200);
        b.Property(a => a.RecordLink).HasMaxLength(300);
        b.Property(a => a.RequesterName).HasMaxLength(200);
        b.Property(a => a.StepName).HasMaxLength(200);
        b.Property(a => a.LastComment).HasMaxLength(1000);
        b.HasIndex(a => new { a.RecordType, a.RecordId });
        b.HasIndex(a => new
        {
            a.Status,
            a.ProcessId,
            a.StepIndex,
        });
        b.HasIndex(a => new { a.RequesterId, a.CreatedAtUtc });
    }

    public void Configure(EntityTypeBuilder<ApprovalVote> b)
    {
        b.ToTable("ApprovalVotes");
        b.Property(v => v.UserName).HasMaxLength(200);
        b.Property(v => v.OnBehalfOfName).HasMaxLength(200);
        b.Property(v => v.Comment).HasMaxLength(1000);
        b.Property(v => v.Via).HasMaxLength(10);
        b.HasIndex(v => new { v.UserId, v.Decision });
        b.HasIndex(v => new
        {
            v.ApprovalId,
            v.Round,
            v.StepIndex,
        });
        b.HasOne<Approval>().WithMany().HasForeignKey(v => v.ApprovalId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ApprovalStepTime> b)
    {
        b.ToTable("ApprovalStepTimes");
        b.Property(s => s.StepName).HasMaxLength(200);
        b.HasIndex(s => new
        {
            s.ProcessId,
            s.StepIndex,
            s.EndedAtUtc,
        });
        b.HasIndex(s => s.ApprovalId);
        b.HasOne<Approval>().WithMany().HasForeignKey(s => s.ApprovalId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ApprovalDelegation> b)
    {
        b.ToTable("ApprovalDelegations");
        b.Property(d => d.Note).HasMaxLength(500);
        b.HasIndex(d => new { d.UserId, d.EndsAtUtc });
    }
}
