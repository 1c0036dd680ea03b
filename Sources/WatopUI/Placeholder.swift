import WatopCore
