namespace Steadfast.Inventory.Public;

public enum MovementKind
{
    Receive = 0,
    Issue = 1,
    Return = 2,
    TransferOut = 3,
    TransferIn = 4,
    Scrap = 5,
    Adjust = 6,
}
