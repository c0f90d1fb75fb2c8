// Pins the write budgets' rolling windows send by send: their half-open boundaries, each budget alone, earlier sends, and sends settled out of order.
using System;
using System.Linq;

namespace RestoreSdk.Tests;

public sealed class WriteBudgetWindowTests
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void The_500th_send_in_an_hour_goes_the_501st_waits_until_the_first_is_an_hour_old_and_then_goes()
    {
        var budget = new WriteBudget(500, 0, null, Start);
        for (var i = 0; i < 500; i++)
        {
            Assert.Null(budget.TryTake(Start + TimeSpan.FromSeconds(i)));
        }

        AssertWait(budget.TryTake(Start + TimeSpan.FromSeconds(500)), RestoreWaitReason.WritesPerHour, 500, Start + Hour);
        AssertWait(budget.TryTake(Start + Hour - TimeSpan.FromTicks(1)), RestoreWaitReason.WritesPerHour, 500, Start + Hour);
        Assert.Null(budget.TryTake(Start + Hour));
        // The 502nd waits for the second send, one second later.
        AssertWait(budget.TryTake(Start + Hour), RestoreWaitReason.WritesPerHour, 500, Start + Hour + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void The_80th_send_in_a_minute_goes_the_81st_waits_until_the_first_is_a_minute_old_and_then_goes()
    {
        var budget = new WriteBudget(0, 80, null, Start);
        for (var i = 0; i < 80; i++)
        {
            Assert.Null(budget.TryTake(Start + TimeSpan.FromMilliseconds(500 * i)));
        }

        AssertWait(budget.TryTake(Start + TimeSpan.FromSeconds(40)), RestoreWaitReason.WritesPerMinute, 80, Start + Minute);
        AssertWait(budget.TryTake(Start + Minute - TimeSpan.FromTicks(1)), RestoreWaitReason.WritesPerMinute, 80, Start + Minute);
        Assert.Null(budget.TryTake(Start + Minute));
        AssertWait(budget.TryTake(Start + Minute), RestoreWaitReason.WritesPerMinute, 80, Start + Minute + TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void A_minute_budget_alone_lets_far_more_than_80_an_hour_through_at_80_a_minute()
    {
        var budget = new WriteBudget(0, 80, null, Start);

        // 30 minutes at 80 a minute, each minute's sends 0.5 s apart: 2,400 sends, none waits.
        for (var minute = 0; minute < 30; minute++)
        {
            for (var i = 0; i < 80; i++)
            {
                Assert.Null(budget.TryTake(Start + (minute * Minute) + TimeSpan.FromMilliseconds(500 * i)));
            }
        }

        AssertWait(budget.TryTake(Start + (29 * Minute) + TimeSpan.FromSeconds(40)), RestoreWaitReason.WritesPerMinute, 80, Start + (30 * Minute));
    }

    [Fact]
    public void An_hour_budget_alone_lets_a_burst_of_more_than_80_through_in_a_minute()
    {
        var budget = new WriteBudget(500, 0, null, Start);

        for (var i = 0; i < 200; i++)
        {
            Assert.Null(budget.TryTake(Start + TimeSpan.FromMilliseconds(100 * i)));
        }
    }

    [Fact]
    public void Both_budgets_at_0_are_off_and_never_make_a_send_wait()
    {
        var budget = new WriteBudget(0, 0, new[] { Start.AddSeconds(-1) }, Start);

        Assert.True(budget.IsOff);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Null(budget.TryTake(Start));
        }

        Assert.False(new WriteBudget(1, 0, null, Start).IsOff);
        Assert.False(new WriteBudget(0, 1, null, Start).IsOff);
    }

    [Fact]
    public void When_both_budgets_are_spent_the_send_waits_for_the_one_that_ends_later()
    {
        // 420 sends in the hour's first minute, then 80 in its last minute: both budgets are spent.
        var hourEndsFirst = new WriteBudget(500, 80, Sends(Start - TimeSpan.FromSeconds(3594), 420).Concat(Sends(Start - TimeSpan.FromSeconds(30), 80)), Start);
        AssertWait(hourEndsFirst.TryTake(Start), RestoreWaitReason.WritesPerMinute, 80, Start + TimeSpan.FromSeconds(30));

        var minuteEndsFirst = new WriteBudget(500, 80, Sends(Start - TimeSpan.FromMinutes(59), 420).Concat(Sends(Start - TimeSpan.FromSeconds(55), 80)), Start);
        AssertWait(minuteEndsFirst.TryTake(Start), RestoreWaitReason.WritesPerHour, 500, Start + Minute);
    }

    [Fact]
    public void When_both_budgets_end_at_the_same_time_the_hour_is_reported()
    {
        var budget = new WriteBudget(500, 80, Sends(Start - TimeSpan.FromSeconds(3570), 420).Concat(Sends(Start - TimeSpan.FromSeconds(30), 80)), Start);

        AssertWait(budget.TryTake(Start), RestoreWaitReason.WritesPerHour, 500, Start + TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_minute_budget_spent_long_ago_does_not_hold_a_send_that_only_the_hour_allows()
    {
        // 100 sends 10 minutes ago: the hour budget has room, the minute's 80 left the window.
        var budget = new WriteBudget(500, 80, Sends(Start - TimeSpan.FromMinutes(10), 100), Start);

        Assert.Null(budget.TryTake(Start));
    }

    [Fact]
    public void With_16_sends_in_the_last_minute_and_no_minute_budget_the_17th_goes()
    {
        var budget = new WriteBudget(500, 0, null, Start);
        for (var i = 0; i < 16; i++)
        {
            Assert.Null(budget.TryTake(Start + TimeSpan.FromSeconds(i)));
        }

        Assert.Null(budget.TryTake(Start + TimeSpan.FromSeconds(16)));
    }

    [Fact]
    public void Earlier_sends_count_in_time_order_whatever_order_they_are_given_in()
    {
        var budget = new WriteBudget(3, 0, new[] { Start - TimeSpan.FromMinutes(10), Start - TimeSpan.FromMinutes(50), Start - TimeSpan.FromMinutes(30) }, Start);

        AssertWait(budget.TryTake(Start), RestoreWaitReason.WritesPerHour, 3, Start + TimeSpan.FromMinutes(10));
        Assert.Null(budget.TryTake(Start + TimeSpan.FromMinutes(10)));
        AssertWait(budget.TryTake(Start + TimeSpan.FromMinutes(10)), RestoreWaitReason.WritesPerHour, 3, Start + TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void An_earlier_send_in_the_future_counts_as_made_now()
    {
        var budget = new WriteBudget(1, 0, new[] { Start + TimeSpan.FromMinutes(10) }, Start);

        AssertWait(budget.TryTake(Start), RestoreWaitReason.WritesPerHour, 1, Start + Hour);
        Assert.Null(budget.TryTake(Start + Hour));
    }

    [Fact]
    public void An_earlier_send_exactly_an_hour_old_no_longer_counts_and_one_a_second_younger_does()
    {
        Assert.Null(new WriteBudget(1, 0, new[] { Start - Hour }, Start).TryTake(Start));
        Assert.Null(new WriteBudget(1, 0, new[] { Start - TimeSpan.FromHours(5) }, Start).TryTake(Start));
        AssertWait(new WriteBudget(1, 0, new[] { Start - Hour + TimeSpan.FromSeconds(1) }, Start).TryTake(Start), RestoreWaitReason.WritesPerHour, 1, Start + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_send_settled_later_leaves_the_hour_when_its_attempt_ended_plus_an_hour()
    {
        var budget = new WriteBudget(1, 0, null, Start);
        Assert.Null(budget.TryTake(Start));

        budget.Settle(Start, Start + TimeSpan.FromSeconds(5));

        AssertWait(budget.TryTake(Start + Hour), RestoreWaitReason.WritesPerHour, 1, Start + Hour + TimeSpan.FromSeconds(5));
        Assert.Null(budget.TryTake(Start + Hour + TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_send_settled_at_or_before_its_count_stays_counted_when_it_was_let_through()
    {
        var budget = new WriteBudget(2, 0, null, Start);
        Assert.Null(budget.TryTake(Start));
        Assert.Null(budget.TryTake(Start + TimeSpan.FromSeconds(1)));

        budget.Settle(Start + TimeSpan.FromSeconds(1), Start + TimeSpan.FromSeconds(1));
        budget.Settle(Start, Start - TimeSpan.FromSeconds(30));

        AssertWait(budget.TryTake(Start + TimeSpan.FromSeconds(2)), RestoreWaitReason.WritesPerHour, 2, Start + Hour);
        Assert.Null(budget.TryTake(Start + Hour));
        AssertWait(budget.TryTake(Start + Hour), RestoreWaitReason.WritesPerHour, 2, Start + Hour + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Sends_that_end_out_of_order_leave_the_hour_in_the_order_GitHub_received_them()
    {
        var budget = new WriteBudget(3, 0, null, Start);
        Assert.Null(budget.TryTake(Start));
        Assert.Null(budget.TryTake(Start + TimeSpan.FromSeconds(1)));
        Assert.Null(budget.TryTake(Start + TimeSpan.FromSeconds(2)));

        // The first send's attempt ends last, the third's first.
        budget.Settle(Start, Start + TimeSpan.FromSeconds(10));
        budget.Settle(Start + TimeSpan.FromSeconds(2), Start + TimeSpan.FromSeconds(3));
        budget.Settle(Start + TimeSpan.FromSeconds(1), Start + TimeSpan.FromSeconds(4));

        AssertWait(budget.TryTake(Start + TimeSpan.FromSeconds(20)), RestoreWaitReason.WritesPerHour, 3, Start + Hour + TimeSpan.FromSeconds(3));
        Assert.Null(budget.TryTake(Start + Hour + TimeSpan.FromSeconds(3)));
        AssertWait(budget.TryTake(Start + Hour + TimeSpan.FromSeconds(3)), RestoreWaitReason.WritesPerHour, 3, Start + Hour + TimeSpan.FromSeconds(4));
        Assert.Null(budget.TryTake(Start + Hour + TimeSpan.FromSeconds(4)));
        AssertWait(budget.TryTake(Start + Hour + TimeSpan.FromSeconds(4)), RestoreWaitReason.WritesPerHour, 3, Start + Hour + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Of_two_sends_counted_at_the_same_time_either_may_be_settled_first()
    {
        var budget = new WriteBudget(2, 0, null, Start);
        Assert.Null(budget.TryTake(Start));
        Assert.Null(budget.TryTake(Start));

        budget.Settle(Start, Start + TimeSpan.FromSeconds(8));
        budget.Settle(Start, Start + TimeSpan.FromSeconds(6));

        AssertWait(budget.TryTake(Start + TimeSpan.FromSeconds(10)), RestoreWaitReason.WritesPerHour, 2, Start + Hour + TimeSpan.FromSeconds(6));
        Assert.Null(budget.TryTake(Start + Hour + TimeSpan.FromSeconds(6)));
        AssertWait(budget.TryTake(Start + Hour + TimeSpan.FromSeconds(6)), RestoreWaitReason.WritesPerHour, 2, Start + Hour + TimeSpan.FromSeconds(8));
    }

    [Fact]
    public void A_send_whose_attempt_outlasted_the_hour_counts_again_from_its_end_among_the_later_sends()
    {
        var budget = new WriteBudget(3, 0, null, Start);
        Assert.Null(budget.TryTake(Start));
        // While the first attempt is still in flight, the hour passes and two more sends go; the first left the window.
        var second = Start + Hour + TimeSpan.FromSeconds(1);
        var third = Start + Hour + TimeSpan.FromSeconds(2);
        Assert.Null(budget.TryTake(second));
        Assert.Null(budget.TryTake(third));
        budget.Settle(second, second + TimeSpan.FromSeconds(30));
        budget.Settle(third, third + TimeSpan.FromSeconds(40));

        // The first attempt ends before the other two: it takes its place at the front.
        budget.Settle(Start, Start + Hour + TimeSpan.FromSeconds(5));

        var later = Start + Hour + TimeSpan.FromMinutes(1);
        AssertWait(budget.TryTake(later), RestoreWaitReason.WritesPerHour, 3, Start + (2 * Hour) + TimeSpan.FromSeconds(5));
        Assert.Null(budget.TryTake(Start + (2 * Hour) + TimeSpan.FromSeconds(5)));
        AssertWait(budget.TryTake(Start + (2 * Hour) + TimeSpan.FromSeconds(5)), RestoreWaitReason.WritesPerHour, 3, second + Hour + TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_send_whose_attempt_outlasted_the_hour_and_ended_last_counts_again_at_the_back()
    {
        var budget = new WriteBudget(2, 0, null, Start);
        Assert.Null(budget.TryTake(Start));
        var second = Start + Hour + TimeSpan.FromSeconds(1);
        Assert.Null(budget.TryTake(second));

        budget.Settle(Start, Start + Hour + TimeSpan.FromSeconds(9));

        AssertWait(budget.TryTake(second + TimeSpan.FromSeconds(10)), RestoreWaitReason.WritesPerHour, 2, second + Hour);
        Assert.Null(budget.TryTake(second + Hour));
        AssertWait(budget.TryTake(second + Hour), RestoreWaitReason.WritesPerHour, 2, Start + (2 * Hour) + TimeSpan.FromSeconds(9));
    }

    [Fact]
    public void A_send_whose_attempt_outlasted_the_hour_and_ended_first_of_many_counts_again_at_the_front()
    {
        var budget = new WriteBudget(18, 0, null, Start);
        Assert.Null(budget.TryTake(Start));
        var later = Start + Hour + TimeSpan.FromSeconds(1);
        for (var i = 0; i < 17; i++)
        {
            Assert.Null(budget.TryTake(later + TimeSpan.FromSeconds(i)));
        }

        budget.Settle(Start, Start + Hour + TimeSpan.FromMilliseconds(500));

        AssertWait(budget.TryTake(later + TimeSpan.FromSeconds(20)), RestoreWaitReason.WritesPerHour, 18, Start + (2 * Hour) + TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Sends_keep_their_order_when_the_kept_times_outgrow_their_storage_after_older_ones_left()
    {
        var budget = new WriteBudget(20, 0, null, Start);
        // Ten sends a minute apart; 66 minutes later the first six have left the hour.
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(budget.TryTake(Start + (i * Minute)));
        }

        var later = Start + TimeSpan.FromMinutes(65.5);
        for (var i = 0; i < 16; i++)
        {
            Assert.Null(budget.TryTake(later + TimeSpan.FromSeconds(i)));
        }

        // 4 + 16 = 20 sends: the oldest of the hour is the 7th, then the 8th, 9th, 10th, then the later ones in turn.
        AssertWait(budget.TryTake(later + TimeSpan.FromSeconds(16)), RestoreWaitReason.WritesPerHour, 20, Start + (6 * Minute) + Hour);
        for (var i = 7; i < 10; i++)
        {
            Assert.Null(budget.TryTake(Start + ((i - 1) * Minute) + Hour));
            AssertWait(budget.TryTake(Start + ((i - 1) * Minute) + Hour), RestoreWaitReason.WritesPerHour, 20, Start + (i * Minute) + Hour);
        }

        Assert.Null(budget.TryTake(Start + (9 * Minute) + Hour));
        AssertWait(budget.TryTake(Start + (9 * Minute) + Hour), RestoreWaitReason.WritesPerHour, 20, later + Hour);
        // The later sends leave the hour one a second, those kept before the storage grew (the 1st to 10th) and after it (the 11th on).
        for (var i = 0; i < 15; i++)
        {
            Assert.Null(budget.TryTake(later + Hour + TimeSpan.FromSeconds(i)));
            AssertWait(budget.TryTake(later + Hour + TimeSpan.FromSeconds(i)), RestoreWaitReason.WritesPerHour, 20, later + Hour + TimeSpan.FromSeconds(i + 1));
        }
    }

    private static void AssertWait(BudgetWait? wait, RestoreWaitReason reason, int limit, DateTimeOffset until)
    {
        Assert.NotNull(wait);
        Assert.Equal((reason, limit, until), (wait!.Value.Reason, wait.Value.Limit, wait.Value.Until));
    }

    // Sends 100 ms apart from the first.
    private static DateTimeOffset[] Sends(DateTimeOffset first, int count) =>
        Enumerable.Range(0, count).Select(i => first + TimeSpan.FromMilliseconds(100 * i)).ToArray();
}
