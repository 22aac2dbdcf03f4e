using Steadfast.Inventory.Stock;

namespace Steadfast.UnitTests;

public sealed class StockMathTests
{
    [Theory]
    [InlineData(230000, 20, 2, 23000)] // 20 units worth ¥2,300: two leave at ¥115 each
    [InlineData(1000, 3, 1, 333)] // rounding down while stock remains…
    [InlineData(667, 2, 2, 667)] // …and the last units take whatever is left
    [InlineData(0, 5, 5, 0)]
    public void Stock_leaves_at_moving_average_and_the_last_unit_takes_the_remainder(
        long value,
        long onHand,
        long quantity,
        long expected
    ) => Assert.Equal(expected, StockLedger.ValueOut(value, onHand, quantity));

    [Fact]
    public void Taking_one_at_a_time_empties_the_value_exactly()
    {
        var (value, onHand) = (1001L, 7L);
        while (onHand > 0)
        {
            value -= StockLedger.ValueOut(value, onHand, 1);
            onHand--;
        }
        Assert.Equal(0, value);
    }

    [Fact]
    public void Huge_values_do_not_overflow() =>
        Assert.Equal(long.MaxValue / 2, StockLedger.ValueOut(long.MaxValue - 1, 1_000_000, 500_000));

    [Theory]
    [InlineData(230000, 20, 9999, 11500)]
    [InlineData(0, 0, 9999, 9999)] // nothing on hand: the standard cost
    public void Average_cost_falls_back_to_standard_when_empty(long value, long onHand, long standard, long expected) =>
        Assert.Equal(expected, StockLedger.AverageCost(value, onHand, standard));
}
